import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, CurrentCaller, DomainEventType, readHistory } from '@blue-ocean/api';
import { EVENT_STORE, EventStore } from '@blue-ocean/event-store';
import { Organizations, OrganizationType, SiteType, toOrganization, toSite } from '@blue-ocean/organizations';
import { IdempotencyStore } from '@blue-ocean/persistence';
import { shiftStream } from '../domain/streams';
import { CancelShift, PostShift } from '../application/marketplace-commands';
import { Parties } from '../application/parties';
import { Placements } from '../application/placements.query';
import { ShiftPostings } from '../application/shift-postings.query';
import { edgesOf, toPlacement, toShiftPosting } from './mapping';
import { PlacementType, PostShiftInput, ShiftPostingConnection, ShiftPostingType, ShiftStatus } from './marketplace.types';

@Resolver(() => ShiftPostingType)
export class ShiftResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly postings: ShiftPostings,
    private readonly placementReads: Placements,
    private readonly organizations: Organizations,
    private readonly parties: Parties,
    private readonly idempotency: IdempotencyStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Query(() => ShiftPostingType, { nullable: true })
  async shift(@CurrentCaller() _caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<ShiftPostingType> {
    return toShiftPosting(await this.postings.byId(id));
  }

  @Query(() => ShiftPostingConnection, { description: 'Postings of a retailer (retailer members only).' })
  async shifts(
    @CurrentCaller() caller: Caller,
    @Args('retailerId', { type: () => ID }) retailerId: string,
    @Args('status', { type: () => [ShiftStatus], nullable: true }) status: ShiftStatus[] | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ShiftPostingConnection> {
    const page = await this.postings.ofRetailer(caller, retailerId, status, first, after);
    return { edges: edgesOf(page.rows, (row) => toShiftPosting(row)), pageInfo: page.pageInfo, totalCount: page.totalCount };
  }

  @Mutation(() => ShiftPostingType)
  async postShift(@CurrentCaller() caller: Caller, @Args('input') input: PostShiftInput): Promise<ShiftPostingType> {
    const { idempotencyKey, ...fields } = input;
    const id = await this.idempotency.run(caller.userId, idempotencyKey, 'postShift', fields, () =>
      this.commands.execute<PostShift, string>(new PostShift(caller, fields)),
    );
    return toShiftPosting(await this.postings.byId(id));
  }

  @Mutation(() => ShiftPostingType)
  async cancelShift(
    @CurrentCaller() caller: Caller,
    @Args('shiftId', { type: () => ID }) shiftId: string,
    @Args('reason') reason: string,
  ): Promise<ShiftPostingType> {
    await this.postings.byId(shiftId);
    await this.commands.execute(new CancelShift(caller, shiftId, reason));
    return toShiftPosting(await this.postings.byId(shiftId));
  }

  @ResolveField(() => SiteType)
  async site(@Parent() shift: ShiftPostingType): Promise<SiteType> {
    return toSite(await this.organizations.site(shift.siteId));
  }

  @ResolveField(() => OrganizationType)
  async retailer(@Parent() shift: ShiftPostingType): Promise<OrganizationType> {
    return toOrganization(await this.organizations.byId(shift.retailerId));
  }

  /** Visible to the retailer's members only. */
  @ResolveField(() => [PlacementType], { description: 'visible to the retailer only' })
  async placements(@CurrentCaller() caller: Caller, @Parent() shift: ShiftPostingType): Promise<PlacementType[]> {
    await this.parties.requireRetailerMember(caller, shift.retailerId);
    return (await this.placementReads.onShift(shift.id)).map(toPlacement);
  }

  @ResolveField(() => [DomainEventType])
  history(@Parent() shift: ShiftPostingType): Promise<DomainEventType[]> {
    return readHistory(this.store, shiftStream(shift.id));
  }
}
