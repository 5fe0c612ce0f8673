import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, CurrentCaller } from '@blue-ocean/api';
import { Organizations } from '@blue-ocean/organizations';
import { WorkerType } from '@blue-ocean/workforce';
import { Placements } from '../application/placements.query';
import { edgesOf, toPlacement } from './mapping';
import { PlacementConnection, PlacementStatus } from './marketplace.types';

/** `Worker.placements`: whoever may see the worker sees its placements. */
@Resolver(() => WorkerType)
export class WorkerPlacementsResolver {
  constructor(
    private readonly placementReads: Placements,
    private readonly organizations: Organizations,
  ) {}

  @ResolveField(() => PlacementConnection)
  async placements(
    @CurrentCaller() _caller: Caller,
    @Parent() worker: WorkerType,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('status', { type: () => [PlacementStatus], nullable: true }) status: PlacementStatus[] | null,
  ): Promise<PlacementConnection> {
    const page = await this.placementReads.ofWorker(worker.id, status, first, after);
    return { edges: edgesOf(page.rows, toPlacement), pageInfo: page.pageInfo, totalCount: page.totalCount };
  }
}
