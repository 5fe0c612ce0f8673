import { DomainError, GeoPoint, InvalidInput } from '@blue-ocean/kernel';
import type { PlacementEvent, WageBreakdown } from './events';
import type { PlacementStatus } from './placement-status';

/**
 * The second half of a placement's life, on the same stream: check-in, check-out, no-show,
 * timesheet approval and dispute, settlement, rating. The checks that need outside facts
 * (geofence, temperature, health code, the wage) are made by the caller and arrive as data.
 */
export type CheckIn = { type: 'CheckIn'; at: Date; location: GeoPoint; temperatureCelsius: number };
export type CheckOut = { type: 'CheckOut'; at: Date; location: GeoPoint; workedMinutes: number };
/** Sent by a timer 30 minutes after the start; a no-op unless the placement is still CONFIRMED by then. */
export type MarkNoShow = { type: 'MarkNoShow'; at: Date };
export type ApproveTimesheet = {
  type: 'ApproveTimesheet';
  at: Date;
  approvedMinutes: number;
  adjustmentReason: string | null;
  approvedBy: string | null;
  businessDate: string;
  wage: WageBreakdown;
};
/** Sent by a timer 24 hours after check-out; a no-op once approved. */
export type AutoApproveTimesheet = Omit<ApproveTimesheet, 'type' | 'approvedBy'> & { type: 'AutoApproveTimesheet' };
export type DisputeTimesheet = { type: 'DisputeTimesheet'; at: Date; reason: string; by: string };
export type MarkSettled = { type: 'MarkSettled'; at: Date; settlementId: string };
export type RateWorker = { type: 'RateWorker'; at: Date; stars: number; comment: string | null };

export type AttendanceCommand =
  | CheckIn
  | CheckOut
  | MarkNoShow
  | ApproveTimesheet
  | AutoApproveTimesheet
  | DisputeTimesheet
  | MarkSettled
  | RateWorker;

export const NO_SHOW_AFTER_MINUTES = 30;
export const AUTO_APPROVE_AFTER_HOURS = 24;

/** What the attendance half of the life adds to the placement's state. */
export interface AttendanceRecord {
  checkInAt: string | null;
  checkOutAt: string | null;
  workedMinutes: number | null;
  approvedMinutes: number | null;
  wage: WageBreakdown | null;
  businessDate: string | null;
  settlementId: string | null;
  rated: boolean;
}

export const noAttendance = (): AttendanceRecord => ({
  checkInAt: null,
  checkOutAt: null,
  workedMinutes: null,
  approvedMinutes: null,
  wage: null,
  businessDate: null,
  settlementId: null,
  rated: false,
});

type Placed = AttendanceRecord & { status: PlacementStatus; placementId: string; workerId: string; startsAt: string };

export function decideAttendance(command: AttendanceCommand, state: Placed): PlacementEvent[] {
  const at = command.at.toISOString();
  const { placementId } = state;
  switch (command.type) {
    case 'CheckIn':
      requireStatus(state, ['CONFIRMED'], 'Only a confirmed placement can be checked into.');
      return [{ type: 'WorkerCheckedIn', data: { placementId, at, location: command.location, temperatureCelsius: command.temperatureCelsius } }];

    case 'CheckOut':
      requireStatus(state, ['CHECKED_IN'], 'Only a checked-in worker can check out.');
      return [{ type: 'WorkerCheckedOut', data: { placementId, at, location: command.location, workedMinutes: command.workedMinutes } }];

    case 'MarkNoShow': {
      const due = Date.parse(state.startsAt) + NO_SHOW_AFTER_MINUTES * 60_000;
      if (state.status !== 'CONFIRMED' || command.at.getTime() < due) return [];
      return [{ type: 'PlacementNoShow', data: { placementId, at } }];
    }

    case 'ApproveTimesheet':
      requireStatus(state, ['CHECKED_OUT', 'DISPUTED'], 'Only a checked-out or disputed timesheet can be approved.');
      return [approval(command, state, command.approvedBy)];

    case 'AutoApproveTimesheet': {
      const due = Date.parse(state.checkOutAt ?? at) + AUTO_APPROVE_AFTER_HOURS * 3_600_000;
      if (state.status !== 'CHECKED_OUT' || command.at.getTime() < due) return [];
      return [approval(command, state, null)];
    }

    case 'DisputeTimesheet': {
      if (state.status === 'SETTLED') throw new DomainError('SETTLEMENT_CLOSED', 'The settlement with this timesheet is already paid.');
      requireStatus(state, ['APPROVED'], 'Only an approved timesheet can be disputed.');
      const reason = command.reason.trim();
      if (!reason) throw new InvalidInput('reason', 'Give a reason for the dispute.');
      return [{ type: 'TimesheetDisputed', data: { placementId, at, reason, by: command.by } }];
    }

    case 'MarkSettled':
      if (state.status !== 'APPROVED') return [];
      return [{ type: 'PlacementSettled', data: { placementId, at, settlementId: command.settlementId } }];

    case 'RateWorker':
      requireStatus(state, ['CHECKED_OUT', 'APPROVED', 'DISPUTED', 'SETTLED'], 'A worker is rated after the shift.');
      if (state.rated) throw new DomainError('ALREADY_EXISTS', 'This placement has already been rated.');
      if (!Number.isInteger(command.stars) || command.stars < 1 || command.stars > 5) throw new InvalidInput('stars', 'stars must be 1 to 5.');
      return [{ type: 'WorkerRated', data: { placementId, workerId: state.workerId, at, stars: command.stars, comment: command.comment?.trim() || null } }];
  }
}

export function evolveAttendance<S extends Placed>(state: S, event: PlacementEvent): S {
  switch (event.type) {
    case 'WorkerCheckedIn':
      return { ...state, status: 'CHECKED_IN', checkInAt: event.data.at };
    case 'WorkerCheckedOut':
      return { ...state, status: 'CHECKED_OUT', checkOutAt: event.data.at, workedMinutes: event.data.workedMinutes };
    case 'PlacementNoShow':
      return { ...state, status: 'NO_SHOW' };
    case 'TimesheetApproved':
      return { ...state, status: 'APPROVED', approvedMinutes: event.data.approvedMinutes, wage: event.data.wage, businessDate: event.data.businessDate };
    case 'TimesheetDisputed':
      return { ...state, status: 'DISPUTED' };
    case 'PlacementSettled':
      return { ...state, status: 'SETTLED', settlementId: event.data.settlementId };
    case 'WorkerRated':
      return { ...state, rated: true };
    default:
      return state;
  }
}

function approval(command: Omit<ApproveTimesheet, 'type' | 'approvedBy'>, state: Placed, approvedBy: string | null): PlacementEvent {
  const { approvedMinutes, adjustmentReason, businessDate, wage } = command;
  if (!Number.isInteger(approvedMinutes) || approvedMinutes < 0) {
    throw new InvalidInput('approvedMinutes', 'approvedMinutes must be a whole number of minutes, 0 or more.');
  }
  const reason = adjustmentReason?.trim() || null;
  if (approvedMinutes !== state.workedMinutes && !reason) {
    throw new InvalidInput('adjustmentReason', 'Approving other minutes than were worked needs an adjustmentReason.');
  }
  return {
    type: 'TimesheetApproved',
    data: { placementId: state.placementId, at: command.at.toISOString(), approvedMinutes, adjustmentReason: reason, approvedBy, businessDate, wage },
  };
}

function requireStatus(state: Placed, allowed: PlacementStatus[], message: string): void {
  if (!allowed.includes(state.status)) throw new DomainError('INVALID_TRANSITION', `${message} The placement is ${state.status}.`);
}
