import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Caller, CurrentCaller } from '@blue-ocean/api';
import type { JobRole, LendingOfferType, WorkerType } from '@blue-ocean/workforce';
import { toShiftPosting } from '../graphql/mapping';
import { ShiftPostingConnection } from '../graphql/marketplace.types';
import { type FoundCandidate, MarketSearch } from './search.query';
import { AvailableWorkersFilter, OpenShiftsFilter, WorkerCandidateConnection, WorkerCandidateType } from './search.types';

/** The matching queries: `openShifts` for workers, `availableWorkers` for retailers. */
@Resolver()
export class SearchResolver {
  constructor(private readonly search: MarketSearch) {}

  @Query(() => ShiftPostingConnection, { description: 'Open postings a worker can take now, nearest first (the calling worker only).' })
  async openShifts(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => OpenShiftsFilter, nullable: true }) filter: OpenShiftsFilter, // a class, not `| null`: validation needs the metatype
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ShiftPostingConnection> {
    const page = await this.search.openShifts(caller, filter, first, after);
    return {
      edges: page.items.map((item) => ({ node: toShiftPosting(item.posting, item.distanceKm), cursor: item.cursor })),
      pageInfo: page.pageInfo,
      totalCount: page.totalCount,
    };
  }

  @Query(() => WorkerCandidateConnection, { description: 'Lent workers who could fill a posting, nearest first, most reliable next (retailer members only).' })
  async availableWorkers(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => AvailableWorkersFilter }) filter: AvailableWorkersFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<WorkerCandidateConnection> {
    const page = await this.search.availableWorkers(caller, filter.shiftId, first, after);
    return {
      edges: page.items.map((item) => ({ node: toCandidate(item), cursor: item.cursor })),
      pageInfo: page.pageInfo,
      totalCount: page.totalCount,
    };
  }
}

/** The same shapes `toWorker` and `toLendingOffer` make, from the search row (no second read). */
function toCandidate(found: FoundCandidate): WorkerCandidateType {
  const { worker, offer } = found;
  const workerType: WorkerType = {
    id: worker.id,
    fullName: worker.fullName,
    skills: worker.skills as JobRole[],
    homeLocation: { lat: worker.homeLat, lng: worker.homeLng },
    maxHoursPerWeek: worker.maxHoursPerWeek,
    employerId: worker.employerId,
    employerTimeZone: worker.employerTimeZone,
    createdAt: worker.enrolledAt,
  };
  const offerType: LendingOfferType = {
    id: offer.id,
    availableFrom: offer.availableFrom,
    availableUntil: offer.availableUntil,
    roles: offer.roles as JobRole[],
    minHourlyRate: offer.minHourlyRate,
    maxTravelKm: offer.maxTravelKm,
    autoApprove: offer.autoApprove,
    workerId: offer.workerId,
    withdrawnAt: null,
  };
  return { worker: workerType, distanceKm: found.distanceKm, offer: offerType };
}
