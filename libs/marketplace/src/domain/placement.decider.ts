import { Decider, DomainError, InvalidInput } from '@blue-ocean/kernel';
import { Cancellation, CancelledBy, Instant, InsuranceCover, PlacementEvent, PlacementTerms } from './events';
import { hoursAt } from './money';
import { PlacementStatus } from './placement-status';
import { AttendanceCommand, AttendanceRecord, decideAttendance, evolveAttendance, noAttendance } from './placement-attendance';

const HOUR_MS = 3_600_000;
/** How long a lender has to approve a PENDING_LENDER placement (or until the shift starts, if sooner). */
export const LENDER_DECISION_HOURS = 2;
/** A cancellation less than this long before the shift starts is late. */
export const LATE_CANCELLATION_HOURS = 24;
/** What a retailer's late cancellation of a confirmed placement costs, in hours at the posting's rate. */
export const LATE_CANCELLATION_FEE_HOURS = 2;
export const INSURANCE_COVERAGE = '300000.00';

export type InviteWorker = { type: 'InviteWorker'; terms: PlacementTerms; at: Date };
/** Decided by booking.ts together with the posting and the worker's schedule. */
export type PlaceWorker = {
  type: 'PlaceWorker';
  terms: PlacementTerms;
  via: 'ACCEPT' | 'INVITATION';
  autoApprove: boolean;
  policyNumber: string;
  acceptedBy: string;
  at: Date;
};
export type DecidePlacement = { type: 'DecidePlacement'; approve: boolean; reason?: string | null; at: Date };
export type DeclineInvitation = { type: 'DeclineInvitation'; at: Date };
export type CancelPlacement = { type: 'CancelPlacement'; by: CancelledBy; reason: string; at: Date };
/** Sent by a timer; a no-op unless an invitation or a lender's decision is overdue. */
export type ExpirePlacement = { type: 'ExpirePlacement'; at: Date };

export type PlacementCommand =
  | InviteWorker
  | PlaceWorker
  | DecidePlacement
  | DeclineInvitation
  | CancelPlacement
  | ExpirePlacement
  | AttendanceCommand;

export type PlacementRecord = PlacementTerms & AttendanceRecord & {
  status: PlacementStatus;
  invitedAt: Instant | null;
  placedAt: Instant | null;
  via: PlaceWorker['via'] | null;
  acceptedBy: string | null;
  /** When the open question lapses: an invitation at startsAt, a lender's decision at decisionDueAt. */
  lapsesAt: Instant | null;
  confirmedAt: Instant | null;
  insurance: InsuranceCover | null;
  cancellation: Cancellation | null;
};
export type PlacementState = { status: 'none' } | PlacementRecord;

export const placement: Decider<PlacementCommand, PlacementEvent, PlacementState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    const at = command.at.toISOString();
    switch (command.type) {
      case 'InviteWorker':
        if (state.status !== 'none') throw new DomainError('ALREADY_EXISTS', 'This placement already exists.');
        return [{ type: 'WorkerInvited', data: { ...command.terms, invitedAt: at, expiresAt: command.terms.startsAt } }];

      case 'PlaceWorker':
        return placeWorker(command, state);

      case 'DecidePlacement': {
        const pending = inStatus(state, ['PENDING_LENDER'], command.at);
        const { placementId, lenderId } = pending;
        if (command.approve) return [{ type: 'PlacementApproved', data: { placementId, lenderId, at } }];
        return [{ type: 'PlacementRejected', data: { placementId, lenderId, reason: command.reason?.trim() || null, at } }];
      }

      case 'DeclineInvitation':
        return [{ type: 'InvitationDeclined', data: { placementId: inStatus(state, ['INVITED'], command.at).placementId, at } }];

      case 'CancelPlacement': {
        const reason = command.reason.trim();
        if (!reason) throw new InvalidInput('reason', 'Give a reason for cancelling.');
        const live = inStatus(state, ['INVITED', 'PENDING_LENDER', 'CONFIRMED'], command.at);
        const late = isLate(live, command.at);
        const fee = late && command.by === 'RETAILER' && live.status === 'CONFIRMED' ? lateCancellationFee(live.hourlyRate) : '0.00';
        return [
          {
            type: 'PlacementCancelled',
            data: { placementId: live.placementId, by: command.by, reason, at, late, fee, currency: live.currency, statusBefore: live.status },
          },
        ];
      }

      case 'ExpirePlacement': {
        if (state.status === 'none' || !isLapsed(state, command.at)) return [];
        const { placementId } = state;
        if (state.status === 'INVITED') return [{ type: 'InvitationExpired', data: { placementId, at } }];
        return [{ type: 'PlacementExpired', data: { placementId, at } }];
      }

      default:
        if (state.status === 'none') throw new DomainError('INVALID_TRANSITION', 'There is no such placement.');
        return decideAttendance(command, state);
    }
  },

  evolve(state, event) {
    if (event.type === 'WorkerInvited') {
      const { expiresAt, ...invited } = event.data;
      return {
        ...invited,
        status: 'INVITED',
        lapsesAt: expiresAt,
        placedAt: null,
        via: null,
        acceptedBy: null,
        confirmedAt: null,
        insurance: null,
        cancellation: null,
        ...noAttendance(),
      };
    }
    if (event.type === 'WorkerPlaced') {
      const { decisionDueAt, ...placed } = event.data;
      const invitedAt = state.status === 'none' ? null : state.invitedAt;
      return { ...noAttendance(), ...placed, invitedAt, lapsesAt: decisionDueAt, cancellation: null };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'PlacementApproved':
        return { ...state, status: 'CONFIRMED', lapsesAt: null, confirmedAt: event.data.at };
      case 'PlacementRejected':
        return { ...state, status: 'REJECTED', lapsesAt: null };
      case 'PlacementExpired':
        return { ...state, status: 'EXPIRED', lapsesAt: null };
      case 'InvitationDeclined':
        return { ...state, status: 'DECLINED', lapsesAt: null };
      case 'InvitationExpired':
        return { ...state, status: 'EXPIRED', lapsesAt: null };
      case 'PlacementCancelled': {
        const { by, reason, at, late, fee } = event.data;
        return { ...state, status: 'CANCELLED', lapsesAt: null, cancellation: { by, reason, at, late, fee } };
      }
      default:
        return evolveAttendance(state, event);
    }
  },
};

/**
 * Whether this placement may become a booking: a new placement when the worker accepts a posting,
 * the worker's own open invitation when they accept that. Booking checks this before anything else.
 */
export function assertPlaceable(state: PlacementState, via: PlaceWorker['via'], workerId: string, shiftId: string): void {
  if (via === 'ACCEPT') {
    if (state.status !== 'none') throw new DomainError('ALREADY_EXISTS', 'This placement already exists.');
    return;
  }
  if (state.status !== 'INVITED' || state.workerId !== workerId || state.shiftId !== shiftId) {
    throw new DomainError('INVALID_TRANSITION', 'There is no open invitation to accept.');
  }
}

/** 2 hours at the posting's rate, rounded half away from zero to 0.01. */
export function lateCancellationFee(hourlyRate: string): string {
  return hoursAt(hourlyRate, LATE_CANCELLATION_FEE_HOURS);
}

function placeWorker(command: PlaceWorker, state: PlacementState): PlacementEvent[] {
  const { terms, at } = command;
  assertPlaceable(state, command.via, terms.workerId, terms.shiftId);
  if (state.status !== 'none' && isLapsed(state, at)) throw new DomainError('SHIFT_STARTED', 'The invitation lapsed when the shift started.');

  const confirmed = command.autoApprove;
  const decisionDue = Math.min(at.getTime() + LENDER_DECISION_HOURS * HOUR_MS, Date.parse(terms.startsAt));
  return [
    {
      type: 'WorkerPlaced',
      data: {
        ...terms,
        status: confirmed ? 'CONFIRMED' : 'PENDING_LENDER',
        via: command.via,
        acceptedBy: command.acceptedBy,
        placedAt: at.toISOString(),
        decisionDueAt: confirmed ? null : new Date(decisionDue).toISOString(),
        confirmedAt: confirmed ? at.toISOString() : null,
        insurance: { policyNumber: command.policyNumber, coverage: INSURANCE_COVERAGE, currency: terms.currency },
      },
    },
  ];
}

/** The placement, when it is in one of `allowed` and its open question has not lapsed; else INVALID_TRANSITION. */
function inStatus(state: PlacementState, allowed: PlacementStatus[], at: Date): PlacementRecord {
  if (state.status === 'none') throw new DomainError('INVALID_TRANSITION', 'There is no such placement.');
  if (!allowed.includes(state.status)) throw new DomainError('INVALID_TRANSITION', `The placement is ${state.status}.`);
  if (isLapsed(state, at)) throw new DomainError('INVALID_TRANSITION', 'The placement has lapsed and is about to expire.');
  return state;
}

function isLapsed(state: PlacementRecord, at: Date): boolean {
  return state.lapsesAt !== null && at.getTime() >= Date.parse(state.lapsesAt);
}

function isLate(state: PlacementRecord, at: Date): boolean {
  return Date.parse(state.startsAt) - at.getTime() < LATE_CANCELLATION_HOURS * HOUR_MS;
}
