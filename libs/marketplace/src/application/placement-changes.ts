import { Injectable } from '@nestjs/common';
import { DomainEventShape, NotFound } from '@blue-ocean/kernel';
import { CommandContext, DecisionRunner, ProjectionRunner, StreamLoad } from '@blue-ocean/persistence';
import { decideRelease, releasesBooking, releasesSchedule } from '../domain/booking';
import type { PlacementEvent } from '../domain/events';
import { placement, PlacementRecord, PlacementState } from '../domain/placement.decider';
import { shiftPosting, ShiftPostingState } from '../domain/shift-posting.decider';
import { placementStream, scheduleStream, shiftStream } from '../domain/streams';
import { workerSchedule, WorkerScheduleState } from '../domain/worker-schedule.decider';

/** Other streams a placement change writes in the same atomic append. */
export interface AlsoWritten {
  loads: StreamLoad[];
  decide(states: unknown[], placementEvents: PlacementEvent[], placement: PlacementRecord): DomainEventShape[][];
}

/**
 * Changes one placement; when the change ends its hold (rejected, expired, cancelled, no-show),
 * the posting's slot and the worker's schedule are freed in the same atomic append (after a
 * check-out only the schedule: the slot stays taken).
 */
@Injectable()
export class PlacementChanges {
  constructor(
    private readonly decisions: DecisionRunner,
    private readonly projections: ProjectionRunner,
  ) {}

  async current(placementId: string): Promise<PlacementRecord> {
    const { state } = await this.decisions.load<PlacementState>({ streamId: placementStream(placementId), decider: placement });
    if (state.status === 'none') throw new NotFound('Placement');
    return state;
  }

  /**
   * `also`: more streams written in the same atomic append (e.g. a settlement on approval); its
   * `decide` gets their states and the placement's new events.
   */
  async change(
    placementId: string,
    decide: (state: PlacementRecord) => PlacementEvent[],
    context: CommandContext,
    also?: AlsoWritten,
  ): Promise<void> {
    const { shiftId, workerId } = await this.current(placementId);
    const { position } = await this.decisions.decideMany(
      [
        { streamId: placementStream(placementId), decider: placement },
        { streamId: shiftStream(shiftId), decider: shiftPosting },
        { streamId: scheduleStream(workerId), decider: workerSchedule },
        ...(also?.loads ?? []),
      ],
      ([placementState, posting, schedule, ...others]) => {
        const record = placementState as PlacementRecord;
        const events = decide(record);
        const more = also ? also.decide(others, events, record) : [];
        if (!events.some(releasesSchedule)) return [events, [], [], ...more];
        const release = decideRelease({
          posting: posting as ShiftPostingState,
          schedule: schedule as WorkerScheduleState,
          placementId,
          workerId,
          at: context.at,
        });
        const freesSlot = events.some(releasesBooking);
        return [events, freesSlot ? release.posting : [], release.schedule, ...more] as DomainEventShape[][];
      },
      context,
    );
    await this.projections.passed(position);
  }
}
