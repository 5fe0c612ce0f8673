import { Injectable } from '@nestjs/common';
import { DomainEventShape, NotFound } from '@blue-ocean/kernel';
import { CommandContext, DecisionRunner, ProjectionRunner } from '@blue-ocean/persistence';
import { decideRelease, releasesBooking } from '../domain/booking';
import type { PlacementEvent } from '../domain/events';
import { placement, PlacementRecord, PlacementState } from '../domain/placement.decider';
import { shiftPosting, ShiftPostingState } from '../domain/shift-posting.decider';
import { placementStream, scheduleStream, shiftStream } from '../domain/streams';
import { workerSchedule, WorkerScheduleState } from '../domain/worker-schedule.decider';

/**
 * Changes one placement; when the change ends its hold (rejected, expired, cancelled), the
 * posting's slot and the worker's schedule are freed in the same atomic append.
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

  async change(placementId: string, decide: (state: PlacementRecord) => PlacementEvent[], context: CommandContext): Promise<void> {
    const { shiftId, workerId } = await this.current(placementId);
    const { position } = await this.decisions.decideMany(
      [
        { streamId: placementStream(placementId), decider: placement },
        { streamId: shiftStream(shiftId), decider: shiftPosting },
        { streamId: scheduleStream(workerId), decider: workerSchedule },
      ],
      ([placementState, posting, schedule]) => {
        const events = decide(placementState as PlacementRecord);
        if (!events.some(releasesBooking)) return [events];
        const release = decideRelease({
          posting: posting as ShiftPostingState,
          schedule: schedule as WorkerScheduleState,
          placementId,
          workerId,
          at: context.at,
        });
        return [events, release.posting, release.schedule] as DomainEventShape[][];
      },
      context,
    );
    await this.projections.passed(position);
  }
}
