import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, Float, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, CurrentCaller } from '@blue-ocean/api';
import { Placements, PlacementType, toPlacement } from '@blue-ocean/marketplace';
import { Organizations, SiteType, toSite } from '@blue-ocean/organizations';
import { IdempotencyStore } from '@blue-ocean/persistence';
import { toWorker, Workers, WorkerType } from '@blue-ocean/workforce';
import { CheckIn, CheckOut, RateWorker } from '../application/attendance-commands';
import { CloseContacts, DEFAULT_TRACE_DAYS } from '../application/close-contacts.query';
import { TrackRecords } from '../application/track-records.query';
import { CheckInInput, CheckOutInput, CloseContactType, RatingInput } from './attendance.types';

/** checkIn, checkOut, rateWorker: each answers the placement as its caller now sees it. */
@Resolver(() => PlacementType)
export class AttendanceResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly placementReads: Placements,
    private readonly idempotency: IdempotencyStore,
  ) {}

  @Mutation(() => PlacementType)
  async checkIn(@CurrentCaller() caller: Caller, @Args('input') input: CheckInInput): Promise<PlacementType> {
    const { placementId, location, temperatureCelsius, idempotencyKey } = input;
    await this.placementReads.visibleTo(caller, placementId);
    const fields = { placementId, location: { lat: location.lat, lng: location.lng }, temperatureCelsius };
    await this.idempotency.run(caller.userId, idempotencyKey, 'checkIn', fields, () =>
      this.commands.execute(new CheckIn(caller, placementId, fields.location, temperatureCelsius)),
    );
    return toPlacement(await this.placementReads.visibleTo(caller, placementId));
  }

  @Mutation(() => PlacementType)
  async checkOut(@CurrentCaller() caller: Caller, @Args('input') input: CheckOutInput): Promise<PlacementType> {
    const { placementId, location, idempotencyKey } = input;
    await this.placementReads.visibleTo(caller, placementId);
    const fields = { placementId, location: { lat: location.lat, lng: location.lng } };
    await this.idempotency.run(caller.userId, idempotencyKey, 'checkOut', fields, () =>
      this.commands.execute(new CheckOut(caller, placementId, fields.location)),
    );
    return toPlacement(await this.placementReads.visibleTo(caller, placementId));
  }

  @Mutation(() => PlacementType)
  async rateWorker(@CurrentCaller() caller: Caller, @Args('input') input: RatingInput): Promise<PlacementType> {
    await this.placementReads.visibleTo(caller, input.placementId);
    await this.commands.execute(new RateWorker(caller, input.placementId, input.stars, input.comment ?? null));
    return toPlacement(await this.placementReads.visibleTo(caller, input.placementId));
  }
}

@Resolver(() => CloseContactType)
export class CloseContactResolver {
  constructor(
    private readonly contacts: CloseContacts,
    private readonly workers: Workers,
    private readonly organizations: Organizations,
  ) {}

  @Query(() => [CloseContactType], {
    description: 'Workers who were checked in at the same site at the same time as this worker (platform admins, the employer\'s members).',
  })
  async closeContacts(
    @CurrentCaller() caller: Caller,
    @Args('workerId', { type: () => ID }) workerId: string,
    @Args('days', { type: () => Int, nullable: true, defaultValue: DEFAULT_TRACE_DAYS }) days: number | null,
  ): Promise<CloseContactType[]> {
    return this.contacts.of(caller, workerId, days);
  }

  /** A contact is shown to whoever may trace: finding them is the point of tracing. */
  @ResolveField(() => WorkerType)
  async worker(@Parent() contact: CloseContactType): Promise<WorkerType> {
    return toWorker(await this.workers.byId(contact.workerId));
  }

  @ResolveField(() => SiteType)
  async site(@Parent() contact: CloseContactType): Promise<SiteType> {
    return toSite(await this.organizations.site(contact.siteId));
  }
}

/** Worker.reliability and Worker.rating, from the placements read model. */
@Resolver(() => WorkerType)
export class WorkerTrackRecordResolver {
  constructor(private readonly records: TrackRecords) {}

  @ResolveField(() => Float, { description: '0..1, share of confirmed placements attended' })
  async reliability(@Parent() worker: WorkerType, @Context() context: object): Promise<number> {
    return (await this.records.loaderFor(context).load(worker.id)).reliability;
  }

  @ResolveField(() => Float, { nullable: true, description: "mean of retailers' stars, null until rated" })
  async rating(@Parent() worker: WorkerType, @Context() context: object): Promise<number | null> {
    return (await this.records.loaderFor(context).load(worker.id)).rating;
  }
}
