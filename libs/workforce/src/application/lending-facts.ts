import { Injectable } from '@nestjs/common';
import { distanceKm, GeoPoint, HealthCode, NotFound } from '@blue-ocean/kernel';
import { DecisionRunner } from '@blue-ocean/persistence';
import { bestCoverage, Coverage, ShiftToCover } from '../domain/lending';
import { workerStream } from '../domain/streams';
import { activeOffers, healthOf, worker, WorkerState } from '../domain/worker.decider';

/** What booking needs to know of a worker, read from the worker's own stream (not a read model). */
export interface LendingFacts {
  workerId: string;
  lenderId: string;
  /** The user who claimed the profile; null while unclaimed. */
  userId: string | null;
  coverage: Coverage;
  /** The covering offer's setting; false when nothing covers. */
  autoApprove: boolean;
  healthCode: HealthCode;
  maxHoursPerWeek: number;
  distanceKm: number;
}

/** Lets the marketplace match a worker to a shift without reaching into workforce tables. */
@Injectable()
export class WorkerLending {
  constructor(private readonly decisions: DecisionRunner) {}

  async factsFor(workerId: string, shift: ShiftToCover & { site: GeoPoint }, now: Date): Promise<LendingFacts> {
    const { state } = await this.decisions.load<WorkerState>({ streamId: workerStream(workerId), decider: worker });
    if (!state) throw new NotFound('Worker');
    const distance = distanceKm(state.homeLocation, shift.site);
    const best = bestCoverage(activeOffers(state, now), shift, distance);
    return {
      workerId,
      lenderId: state.employerId,
      userId: state.claimedBy,
      coverage: best.coverage,
      autoApprove: best.offer?.autoApprove ?? false,
      healthCode: healthOf(state, now).code,
      maxHoursPerWeek: state.maxHoursPerWeek,
      distanceKm: distance,
    };
  }
}
