import { DomainError } from '@blue-ocean/kernel';
import { HealthCode, PlacementEvent, PlacementTerms, ShiftPostingEvent, WorkerScheduleEvent } from './events';
import { assertPlaceable, placement, PlacementState } from './placement.decider';
import { assertAcceptingWorkers, PostedShift, shiftPosting, ShiftPostingState } from './shift-posting.decider';
import { workerSchedule, WorkerScheduleState } from './worker-schedule.decider';

/** The result of matching the worker's active lending offers against the shift (checked by the caller). */
export type Coverage = 'COVERS' | 'NOT_LENT' | 'TOO_FAR' | 'RATE_TOO_LOW';

export type BookingCommand = {
  placementId: string;
  workerId: string;
  shiftId: string;
  lenderId: string;
  at: Date;
  /** The user taking the slot: the worker. */
  actor: string;
  via: 'ACCEPT' | 'INVITATION';
};

/** What the posting, schedule and placement streams cannot know, looked up by the caller. */
export type BookingFacts = {
  coverage: Coverage;
  /** From the covering offer: the lender confirms every placement in advance. */
  autoApprove: boolean;
  healthCode: HealthCode;
  maxHoursPerWeek: number;
  policyNumber: string;
};

/** Events for one atomic multi-stream append; an empty list leaves that stream untouched. */
export type BookingDecision = {
  posting: ShiftPostingEvent[];
  schedule: WorkerScheduleEvent[];
  placement: PlacementEvent[];
};

/**
 * A worker takes a slot (acceptShift, or respondToInvitation with accept: true). Refusals come in
 * the API's order: the placement itself (ALREADY_EXISTS / INVALID_TRANSITION), then SHIFT_NOT_OPEN,
 * SHIFT_FULL, SHIFT_STARTED, the lending offer, HEALTH_CODE_NOT_GREEN, WORKER_BUSY,
 * WEEKLY_HOURS_EXCEEDED.
 */
export function decideBooking(input: {
  posting: ShiftPostingState;
  schedule: WorkerScheduleState;
  placement: PlacementState;
  command: BookingCommand;
  facts: BookingFacts;
}): BookingDecision {
  const { command, facts } = input;
  const { placementId, workerId, at } = command;
  assertPlaceable(input.placement, command.via, workerId, command.shiftId);

  const shift = assertAcceptingWorkers(input.posting, at);
  const postingEvents = shiftPosting.decide({ type: 'TakeSlot', placementId, workerId, at }, shift);
  assertCovered(facts.coverage);
  if (shift.requiresGreenCode && facts.healthCode !== 'GREEN') {
    throw new DomainError('HEALTH_CODE_NOT_GREEN', 'This shift requires a green health code.');
  }

  const scheduleEvents = workerSchedule.decide(
    {
      type: 'BookWorker',
      workerId,
      placementId,
      shiftId: shift.shiftId,
      startsAt: new Date(shift.startsAt),
      endsAt: new Date(shift.endsAt),
      unpaidBreakMinutes: shift.unpaidBreakMinutes,
      siteTimeZone: shift.siteTimeZone,
      maxHoursPerWeek: facts.maxHoursPerWeek,
      at,
    },
    input.schedule,
  );

  const placementEvents = placement.decide(
    {
      type: 'PlaceWorker',
      terms: placementTerms(shift, { placementId, workerId, lenderId: command.lenderId }),
      via: command.via,
      autoApprove: facts.autoApprove,
      policyNumber: facts.policyNumber,
      acceptedBy: command.actor,
      at,
    },
    input.placement,
  );

  return { posting: postingEvents, schedule: scheduleEvents, placement: placementEvents };
}

/**
 * A placement left the slot and the schedule (rejected, expired, cancelled, no-show) — or never
 * held them (declined, invitation expired): then both lists are empty. Safe to call twice.
 */
export function decideRelease(input: {
  posting: ShiftPostingState;
  schedule: WorkerScheduleState;
  placementId: string;
  workerId: string;
  at: Date;
}): Omit<BookingDecision, 'placement'> {
  const { placementId, workerId, at } = input;
  const posting = input.posting.status === 'none' ? [] : shiftPosting.decide({ type: 'FreeSlot', placementId, at }, input.posting);
  const schedule = workerSchedule.decide({ type: 'ReleaseWorker', workerId, placementId, at }, input.schedule);
  return { posting, schedule };
}

/** Whether a placement event ends the placement's hold on a slot and on the worker's time. */
export function releasesBooking(event: PlacementEvent): boolean {
  return (
    event.type === 'PlacementRejected' ||
    event.type === 'PlacementExpired' ||
    event.type === 'PlacementCancelled' ||
    event.type === 'PlacementNoShow'
  );
}

/** Whether it ends only the hold on the worker's time: after check-out the slot stays taken. */
export function releasesSchedule(event: PlacementEvent): boolean {
  return releasesBooking(event) || event.type === 'WorkerCheckedOut';
}

/** A lending offer must cover the shift; the most specific failure is reported. */
export function assertCovered(coverage: Coverage): void {
  if (coverage === 'COVERS') return;
  const messages = {
    NOT_LENT: 'No active lending offer of the worker covers this shift.',
    TOO_FAR: 'The site is farther than the worker is lent to travel.',
    RATE_TOO_LOW: "The shift's rate is below the worker's minimum rate.",
  };
  throw new DomainError(coverage, messages[coverage]);
}

/** The shift's terms a new placement carries. */
export function placementTerms(
  shift: PostedShift,
  who: { placementId: string; workerId: string; lenderId: string },
): PlacementTerms {
  return {
    ...who,
    shiftId: shift.shiftId,
    retailerId: shift.retailerId,
    siteId: shift.siteId,
    siteTimeZone: shift.siteTimeZone,
    role: shift.role,
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
    unpaidBreakMinutes: shift.unpaidBreakMinutes,
    hourlyRate: shift.hourlyRate,
    currency: shift.currency,
  };
}
