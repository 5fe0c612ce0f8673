import { Inject } from '@nestjs/common';
import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { Caller, CurrentCaller } from '@blue-ocean/api';
import { Clock, CLOCK, Forbidden, isUuid } from '@blue-ocean/kernel';
import { Parties, PlacementType, ShiftPostingType, toPlacement, toShiftPosting } from '@blue-ocean/marketplace';
import { Organizations } from '@blue-ocean/organizations';
import { WorkerLending, Workers } from '@blue-ocean/workforce';
import { LiveFeed } from './live-feed';

/**
 * The contract's subscriptions. Each checks the caller once when subscribing (UNAUTHENTICATED,
 * FORBIDDEN), then checks every update against the caller again before it is delivered, so a
 * subscriber sees exactly what the queries would show it at that moment.
 */
@Resolver()
export class LiveResolver {
  constructor(
    private readonly feed: LiveFeed,
    private readonly parties: Parties,
    private readonly organizations: Organizations,
    private readonly workers: Workers,
    private readonly lending: WorkerLending,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Subscription(() => PlacementType, { name: 'placementChanged', description: 'Status changes of placements the caller may see.' })
  async placementChanged(
    @CurrentCaller() caller: Caller,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId: string | null,
  ): Promise<AsyncIterableIterator<{ placementChanged: PlacementType }>> {
    if (organizationId) await this.requireMember(caller, organizationId);
    return this.feed.listen('placementChanged', async (row) => {
      if (organizationId && row.lenderId !== organizationId && row.retailerId !== organizationId) return undefined;
      // A placement is visible to its worker and the lender's and the retailer's members (API-RULES.md "Reads").
      if (!caller.isPlatformAdmin && !(await this.parties.sideOf(caller, row))) return undefined;
      return { placementChanged: toPlacement(row) };
    });
  }

  @Subscription(() => ShiftPostingType, { name: 'shiftOffered', description: 'New postings a worker could take (the calling worker only).' })
  async shiftOffered(@CurrentCaller() caller: Caller): Promise<AsyncIterableIterator<{ shiftOffered: ShiftPostingType }>> {
    await this.parties.requireWorker(caller);
    return this.feed.listen('shiftOffered', async ({ row, terms, site }) => {
      const worker = await this.workers.ofUser(caller.userId);
      if (!worker) return undefined;
      const now = this.clock.now();
      if (row.status !== 'OPEN' || row.startsAt.getTime() <= now.getTime()) return undefined;
      // One of the worker's active offers covers it: role, window, rate and distance from home.
      const facts = await this.lending.factsFor(worker.id, { ...terms, site }, now);
      if (facts.coverage !== 'COVERS') return undefined;
      return { shiftOffered: toShiftPosting(row, Math.round(facts.distanceKm * 100) / 100) };
    });
  }

  /** As the `placements` query: the organization's members (and platform admins). */
  private async requireMember(caller: Caller, organizationId: string): Promise<void> {
    if (caller.isPlatformAdmin) {
      await this.organizations.byId(organizationId);
      return;
    }
    if (isUuid(organizationId) && (await this.organizations.roleOf(caller.userId, organizationId))) return;
    if (isUuid(organizationId)) await this.organizations.byId(organizationId);
    throw new Forbidden("Only the organization's members may follow its placements.");
  }
}
