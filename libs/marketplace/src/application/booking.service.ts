import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK, NotFound } from '@blue-ocean/kernel';
import { Organizations } from '@blue-ocean/organizations';
import { DecisionRunner, ProjectionRunner } from '@blue-ocean/persistence';
import { WorkerLending } from '@blue-ocean/workforce';
import { decideBooking } from '../domain/booking';
import { policyNumberFor } from '../domain/insurance';
import { placement, PlacementState } from '../domain/placement.decider';
import { PostedShift, shiftPosting, ShiftPostingState } from '../domain/shift-posting.decider';
import { placementStream, scheduleStream, shiftStream } from '../domain/streams';
import { workerSchedule, WorkerScheduleState } from '../domain/worker-schedule.decider';

/**
 * Taking a slot changes three consistency boundaries at once — the posting's slots, the
 * worker's schedule and the placement — in one atomic multi-stream append, each stream at its
 * expected revision. A clash reloads all three and decides again (DecisionRunner).
 */
@Injectable()
export class BookingService {
  constructor(
    private readonly decisions: DecisionRunner,
    private readonly projections: ProjectionRunner,
    private readonly organizations: Organizations,
    private readonly lending: WorkerLending,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async book(request: { placementId: string; shiftId: string; workerId: string; actor: string; via: 'ACCEPT' | 'INVITATION' }): Promise<void> {
    const at = this.clock.now();
    const shift = await this.postedShift(request.shiftId);
    const site = await this.organizations.site(shift.siteId);
    const facts = await this.lending.factsFor(request.workerId, { ...shift, site: { lat: site.lat, lng: site.lng } }, at);

    const { position } = await this.decisions.decideMany(
      [
        { streamId: shiftStream(request.shiftId), decider: shiftPosting },
        { streamId: scheduleStream(request.workerId), decider: workerSchedule },
        { streamId: placementStream(request.placementId), decider: placement, isNew: request.via === 'ACCEPT' },
      ],
      ([posting, schedule, placementState]) => {
        const decision = decideBooking({
          posting: posting as ShiftPostingState,
          schedule: schedule as WorkerScheduleState,
          placement: placementState as PlacementState,
          command: { ...request, lenderId: facts.lenderId, at },
          facts: { ...facts, policyNumber: policyNumberFor(request.placementId) },
        });
        return [decision.posting, decision.schedule, decision.placement];
      },
      { actor: request.actor, at },
    );
    await this.projections.passed(position);
  }

  /** The posting's facts (retailer, site, times, terms); its slots and status are checked when deciding. */
  async postedShift(shiftId: string): Promise<PostedShift> {
    const state = await this.decisions.lastSeen<ShiftPostingState>({ streamId: shiftStream(shiftId), decider: shiftPosting });
    if (state.status === 'none') throw new NotFound('Shift posting');
    return state;
  }
}

