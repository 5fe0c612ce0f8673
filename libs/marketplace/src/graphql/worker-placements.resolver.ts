import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, CurrentCaller } from '@blue-ocean/api';
import { Organizations } from '@blue-ocean/organizations';
import { Workers, WorkerType } from '@blue-ocean/workforce';
import { Placements } from '../application/placements.query';
import { edgesOf, toPlacement } from './mapping';
import { PlacementConnection, PlacementStatus } from './marketplace.types';

/**
 * `Worker.placements`: the worker, the employer's members and platform admins see them all; a
 * retailer's member who may see the worker (a placement with them, or a candidate) sees only
 * those at its own retailers: a placement is visible to its worker, lender and retailer only
 * (the permission matrix found every placement of the worker shown to such a retailer).
 */
@Resolver(() => WorkerType)
export class WorkerPlacementsResolver {
  constructor(
    private readonly placementReads: Placements,
    private readonly organizations: Organizations,
    private readonly workers: Workers,
  ) {}

  @ResolveField(() => PlacementConnection)
  async placements(
    @CurrentCaller() caller: Caller,
    @Parent() worker: WorkerType,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('status', { type: () => [PlacementStatus], nullable: true }) status: PlacementStatus[] | null,
  ): Promise<PlacementConnection> {
    const seesAll =
      caller.isPlatformAdmin ||
      (await this.organizations.roleOf(caller.userId, worker.employerId)) !== null ||
      (await this.workers.ofUser(caller.userId))?.id === worker.id;
    const atRetailers = seesAll ? null : await this.placementReads.organizationsOf(caller);
    const page = await this.placementReads.ofWorker(worker.id, status, first, after, atRetailers);
    return { edges: edgesOf(page.rows, toPlacement), pageInfo: page.pageInfo, totalCount: page.totalCount };
  }
}
