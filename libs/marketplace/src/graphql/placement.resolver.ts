import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, CurrentCaller, DomainEventType, readHistory } from '@blue-ocean/api';
import { EVENT_STORE, EventStore } from '@blue-ocean/event-store';
import { Organizations, OrganizationType, toOrganization } from '@blue-ocean/organizations';
import { IdempotencyStore } from '@blue-ocean/persistence';
import { toWorker, Workers, WorkerType } from '@blue-ocean/workforce';
import { placementStream } from '../domain/streams';
import {
  AcceptShift,
  CancelPlacement,
  DecidePlacement,
  InviteWorker,
  RespondToInvitation,
} from '../application/marketplace-commands';
import { Placements } from '../application/placements.query';
import { ShiftPostings } from '../application/shift-postings.query';
import { edgesOf, toPlacement, toShiftPosting } from './mapping';
import { PlacementConnection, PlacementStatus, PlacementType, ShiftPostingType } from './marketplace.types';

@Resolver(() => PlacementType)
export class PlacementResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly placementReads: Placements,
    private readonly postings: ShiftPostings,
    private readonly organizations: Organizations,
    private readonly workers: Workers,
    private readonly idempotency: IdempotencyStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Query(() => PlacementType, { nullable: true })
  async placement(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<PlacementType> {
    return toPlacement(await this.placementReads.visibleTo(caller, id));
  }

  @Query(() => PlacementConnection, { description: "Placements of a lender's staff (lender members) or at a retailer's sites (retailer members)." })
  async placements(
    @CurrentCaller() caller: Caller,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('status', { type: () => [PlacementStatus], nullable: true }) status: PlacementStatus[] | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<PlacementConnection> {
    const page = await this.placementReads.ofOrganization(caller, organizationId, status, first, after);
    return { edges: edgesOf(page.rows, toPlacement), pageInfo: page.pageInfo, totalCount: page.totalCount };
  }

  @Mutation(() => PlacementType)
  async inviteWorker(
    @CurrentCaller() caller: Caller,
    @Args('shiftId', { type: () => ID }) shiftId: string,
    @Args('workerId', { type: () => ID }) workerId: string,
    @Args('idempotencyKey', { type: () => String, nullable: true }) idempotencyKey: string | null,
  ): Promise<PlacementType> {
    const id = await this.idempotency.run(caller.userId, idempotencyKey, 'inviteWorker', { shiftId, workerId }, async () => {
      await this.postings.byId(shiftId);
      await this.workers.byId(workerId);
      return this.commands.execute<InviteWorker, string>(new InviteWorker(caller, shiftId, workerId));
    });
    return toPlacement(await this.placementReads.visibleTo(caller, id));
  }

  @Mutation(() => PlacementType)
  async acceptShift(
    @CurrentCaller() caller: Caller,
    @Args('shiftId', { type: () => ID }) shiftId: string,
    @Args('idempotencyKey', { type: () => String, nullable: true }) idempotencyKey: string | null,
  ): Promise<PlacementType> {
    const id = await this.idempotency.run(caller.userId, idempotencyKey, 'acceptShift', { shiftId }, () =>
      this.commands.execute<AcceptShift, string>(new AcceptShift(caller, shiftId)),
    );
    return toPlacement(await this.placementReads.visibleTo(caller, id));
  }

  @Mutation(() => PlacementType)
  async respondToInvitation(
    @CurrentCaller() caller: Caller,
    @Args('placementId', { type: () => ID }) placementId: string,
    @Args('accept') accept: boolean,
  ): Promise<PlacementType> {
    await this.placementReads.visibleTo(caller, placementId);
    await this.commands.execute(new RespondToInvitation(caller, placementId, accept));
    return toPlacement(await this.placementReads.visibleTo(caller, placementId));
  }

  @Mutation(() => PlacementType)
  async decidePlacement(
    @CurrentCaller() caller: Caller,
    @Args('placementId', { type: () => ID }) placementId: string,
    @Args('approve') approve: boolean,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
  ): Promise<PlacementType> {
    await this.placementReads.visibleTo(caller, placementId);
    await this.commands.execute(new DecidePlacement(caller, placementId, approve, reason));
    return toPlacement(await this.placementReads.visibleTo(caller, placementId));
  }

  @Mutation(() => PlacementType)
  async cancelPlacement(
    @CurrentCaller() caller: Caller,
    @Args('placementId', { type: () => ID }) placementId: string,
    @Args('reason') reason: string,
  ): Promise<PlacementType> {
    await this.placementReads.visibleTo(caller, placementId);
    await this.commands.execute(new CancelPlacement(caller, placementId, reason));
    return toPlacement(await this.placementReads.visibleTo(caller, placementId));
  }

  @ResolveField(() => ShiftPostingType)
  async shift(@Parent() placement: PlacementType): Promise<ShiftPostingType> {
    return toShiftPosting(await this.postings.byId(placement.shiftId));
  }

  /** Whoever sees the placement sees its worker (API-RULES.md "Reads"). */
  @ResolveField(() => WorkerType)
  async worker(@Parent() placement: PlacementType): Promise<WorkerType> {
    return toWorker(await this.workers.byId(placement.workerId));
  }

  @ResolveField(() => OrganizationType)
  async lender(@Parent() placement: PlacementType): Promise<OrganizationType> {
    return toOrganization(await this.organizations.byId(placement.lenderId));
  }

  @ResolveField(() => [DomainEventType])
  history(@Parent() placement: PlacementType): Promise<DomainEventType[]> {
    return readHistory(this.store, placementStream(placement.id));
  }
}
