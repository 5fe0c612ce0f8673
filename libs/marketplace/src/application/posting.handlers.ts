import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK, newId } from '@blue-ocean/kernel';
import { Organizations } from '@blue-ocean/organizations';
import { DecisionRunner, ProjectionRunner, StreamLoad } from '@blue-ocean/persistence';
import { decideRelease } from '../domain/booking';
import type { ShiftPostingEvent, WorkerScheduleEvent } from '../domain/events';
import { placement, PlacementState } from '../domain/placement.decider';
import { shiftPosting, ShiftPostingState } from '../domain/shift-posting.decider';
import { placementStream, scheduleStream, shiftStream } from '../domain/streams';
import { workerSchedule, WorkerScheduleState } from '../domain/worker-schedule.decider';
import { BookingService } from './booking.service';
import { CancelShift, PostShift } from './marketplace-commands';
import { Parties } from './parties';
import { Placements } from './placements.query';

@CommandHandler(PostShift)
export class PostShiftHandler implements ICommandHandler<PostShift, string> {
  constructor(
    private readonly decisions: DecisionRunner,
    private readonly projections: ProjectionRunner,
    private readonly organizations: Organizations,
    private readonly parties: Parties,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A retailer's member posts at one of the retailer's sites; returns the new posting's id. */
  async execute({ caller, input }: PostShift): Promise<string> {
    const site = await this.organizations.site(input.siteId);
    const retailer = await this.parties.requireRetailerMember(caller, site.organizationId);
    const shiftId = newId();
    const at = this.clock.now();
    const { position } = await this.decisions.decide<ShiftPostingState>(
      { streamId: shiftStream(shiftId), decider: shiftPosting, isNew: true },
      (state) =>
        shiftPosting.decide(
          {
            type: 'PostShift',
            ...input,
            shiftId,
            retailerId: retailer.id,
            retailerVerified: retailer.verification === 'VERIFIED',
            siteTimeZone: retailer.timezone,
            at,
          },
          state,
        ),
      { actor: caller.userId, at },
    );
    await this.projections.passed(position);
    return shiftId;
  }
}

@CommandHandler(CancelShift)
export class CancelShiftHandler implements ICommandHandler<CancelShift> {
  constructor(
    private readonly decisions: DecisionRunner,
    private readonly projections: ProjectionRunner,
    private readonly bookings: BookingService,
    private readonly placements: Placements,
    private readonly parties: Parties,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Cancels the posting and, in the same atomic append, every live placement on it (by the
   * retailer, with late fees where due) and the workers' schedules.
   */
  async execute({ caller, shiftId, reason }: CancelShift): Promise<void> {
    const shift = await this.bookings.postedShift(shiftId);
    await this.parties.requireRetailerMember(caller, shift.retailerId);
    const live = await this.placements.liveOnShift(shiftId);
    const workers = [...new Set(live.map((p) => p.workerId))];
    const at = this.clock.now();
    const loads: StreamLoad[] = [
      { streamId: shiftStream(shiftId), decider: shiftPosting },
      ...live.map((p) => ({ streamId: placementStream(p.id), decider: placement })),
      ...workers.map((workerId) => ({ streamId: scheduleStream(workerId), decider: workerSchedule })),
    ];
    const { position } = await this.decisions.decideMany(
      loads,
      (states) => {
        let posting = states[0] as ShiftPostingState;
        const schedules = new Map(workers.map((w, i) => [w, states[1 + live.length + i] as WorkerScheduleState]));
        const postingEvents: ShiftPostingEvent[] = shiftPosting.decide({ type: 'CancelShift', reason, at }, posting);
        posting = postingEvents.reduce(shiftPosting.evolve, posting);
        const scheduleEvents = new Map<string, WorkerScheduleEvent[]>(workers.map((w) => [w, []]));
        const placementEvents = live.map((p, i) => {
          const state = states[1 + i] as PlacementState;
          if (state.status !== 'INVITED' && state.status !== 'PENDING_LENDER' && state.status !== 'CONFIRMED') return [];
          const cancelled = placement.decide({ type: 'CancelPlacement', by: 'RETAILER', reason, at }, state);
          const release = decideRelease({ posting, schedule: schedules.get(p.workerId)!, placementId: p.id, workerId: p.workerId, at });
          posting = release.posting.reduce(shiftPosting.evolve, posting);
          schedules.set(p.workerId, release.schedule.reduce(workerSchedule.evolve, schedules.get(p.workerId)!));
          postingEvents.push(...release.posting);
          scheduleEvents.get(p.workerId)!.push(...release.schedule);
          return cancelled;
        });
        return [postingEvents, ...placementEvents, ...workers.map((w) => scheduleEvents.get(w)!)];
      },
      { actor: caller.userId, at },
    );
    await this.projections.passed(position);
  }
}
