import { Decider, DomainError, InvalidInput, NotFound, isTimeZone } from '@blue-ocean/kernel';
import { JOB_ROLES, JobRole, ShiftPosted, ShiftPostingEvent } from './events';
import { hasAtMostCents, isPlainDecimal, toMoney } from './money';

const HOUR_MS = 3_600_000;
export const MAX_SHIFT_HOURS = 16;
export const MAX_SLOTS = 500;

export type PostShift = {
  type: 'PostShift';
  shiftId: string;
  retailerId: string;
  /** Whether a platform admin has verified the retailer; unverified organizations cannot trade. */
  retailerVerified: boolean;
  siteId: string;
  siteTimeZone: string;
  role: JobRole;
  title: string;
  description?: string | null;
  startsAt: Date;
  endsAt: Date;
  unpaidBreakMinutes?: number | null;
  slots: number;
  hourlyRate: string;
  currency?: string | null;
  requiresGreenCode?: boolean | null;
  at: Date;
};
export type CancelShift = { type: 'CancelShift'; reason: string; at: Date };
export type TakeSlot = { type: 'TakeSlot'; placementId: string; workerId: string; at: Date };
/** Idempotent: frees nothing when the placement holds no slot. */
export type FreeSlot = { type: 'FreeSlot'; placementId: string; at: Date };
/** Sent by a timer at endsAt; a no-op before then or once the posting is closed. */
export type CompleteShift = { type: 'CompleteShift'; at: Date };

export type ShiftPostingCommand = PostShift | CancelShift | TakeSlot | FreeSlot | CompleteShift;

export type ShiftStatus = 'OPEN' | 'FILLED' | 'CANCELLED' | 'COMPLETED';
export type SlotHolder = { placementId: string; workerId: string };
export type PostedShift = ShiftPosted['data'] & { status: ShiftStatus; slotHolders: SlotHolder[] };
export type ShiftPostingState = { status: 'none' } | PostedShift;

export const shiftPosting: Decider<ShiftPostingCommand, ShiftPostingEvent, ShiftPostingState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    if (command.type === 'PostShift') return postShift(command, state);
    if (state.status === 'none') throw new NotFound('Shift posting');
    const at = command.at.toISOString();
    const { shiftId } = state;
    switch (command.type) {
      case 'CancelShift':
        if (!command.reason.trim()) throw new InvalidInput('reason', 'Give a reason for cancelling.');
        if (isClosed(state)) throw new DomainError('INVALID_TRANSITION', `The shift is already ${state.status}.`);
        if (hasStarted(state, command.at)) throw new DomainError('SHIFT_STARTED', 'A shift that has started cannot be cancelled.');
        return [{ type: 'ShiftCancelled', data: { shiftId, reason: command.reason.trim(), at } }];
      case 'TakeSlot':
        assertAcceptingWorkers(state, command.at);
        if (holdsSlot(state, command.placementId)) throw new DomainError('INVALID_TRANSITION', 'The placement already holds a slot.');
        return [{ type: 'SlotTaken', data: { shiftId, placementId: command.placementId, workerId: command.workerId, at } }];
      case 'FreeSlot':
        if (!holdsSlot(state, command.placementId)) return [];
        return [{ type: 'SlotFreed', data: { shiftId, placementId: command.placementId, at } }];
      case 'CompleteShift':
        if (isClosed(state) || command.at.getTime() < Date.parse(state.endsAt)) return [];
        return [{ type: 'ShiftCompleted', data: { shiftId, at } }];
    }
  },

  evolve(state, event) {
    if (event.type === 'ShiftPosted') return { ...event.data, status: 'OPEN', slotHolders: [] };
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'SlotTaken':
        return withSlotHolders(state, [...state.slotHolders, { placementId: event.data.placementId, workerId: event.data.workerId }]);
      case 'SlotFreed':
        return withSlotHolders(state, state.slotHolders.filter((holder) => holder.placementId !== event.data.placementId));
      case 'ShiftCancelled':
        return { ...state, status: 'CANCELLED' };
      case 'ShiftCompleted':
        return { ...state, status: 'COMPLETED' };
    }
  },
};

/**
 * The checks a posting makes before a worker may take one of its slots (or be invited),
 * in the order the API reports them. Returns the posting for the caller's convenience.
 */
export function assertAcceptingWorkers(state: ShiftPostingState, at: Date): PostedShift {
  if (state.status === 'none') throw new NotFound('Shift posting');
  if (isClosed(state)) throw new DomainError('SHIFT_NOT_OPEN', `The shift is ${state.status}.`);
  if (state.status === 'FILLED') throw new DomainError('SHIFT_FULL', 'Every slot of the shift is taken.');
  if (hasStarted(state, at)) throw new DomainError('SHIFT_STARTED', 'The shift has already started.');
  return state;
}

function postShift(command: PostShift, state: ShiftPostingState): ShiftPostingEvent[] {
  const posted = validPosting(command);
  if (state.status !== 'none') throw new DomainError('ALREADY_EXISTS', 'This shift posting already exists.');
  if (!command.retailerVerified) {
    throw new DomainError('INVALID_TRANSITION', 'The retailer must be verified before it posts shifts.');
  }
  return [{ type: 'ShiftPosted', data: posted }];
}

/** Validates PostShiftInput; each refusal names the input field at fault. */
function validPosting(command: PostShift): ShiftPosted['data'] {
  const title = command.title.trim();
  if (!title) throw new InvalidInput('title', 'A title is required.');
  if (!JOB_ROLES.includes(command.role)) throw new InvalidInput('role', `Unknown role ${command.role}.`);
  if (!isTimeZone(command.siteTimeZone)) throw new InvalidInput('siteId', 'The site has no valid time zone.');

  const startsAt = command.startsAt.getTime();
  const endsAt = command.endsAt.getTime();
  if (Number.isNaN(startsAt) || startsAt <= command.at.getTime()) {
    throw new InvalidInput('startsAt', 'The shift must start in the future.');
  }
  if (Number.isNaN(endsAt) || endsAt <= startsAt) throw new InvalidInput('endsAt', 'The shift must end after it starts.');
  if (endsAt - startsAt > MAX_SHIFT_HOURS * HOUR_MS) {
    throw new InvalidInput('endsAt', `A shift lasts at most ${MAX_SHIFT_HOURS} hours.`);
  }

  const unpaidBreakMinutes = command.unpaidBreakMinutes ?? 0;
  if (!Number.isInteger(unpaidBreakMinutes) || unpaidBreakMinutes < 0) {
    throw new InvalidInput('unpaidBreakMinutes', 'The unpaid break is a whole number of minutes, 0 or more.');
  }
  if (unpaidBreakMinutes * 60_000 >= endsAt - startsAt) {
    throw new InvalidInput('unpaidBreakMinutes', 'The unpaid break must be shorter than the shift.');
  }

  if (!Number.isInteger(command.slots) || command.slots < 1 || command.slots > MAX_SLOTS) {
    throw new InvalidInput('slots', `Slots must be a whole number from 1 to ${MAX_SLOTS}.`);
  }

  const rate = command.hourlyRate.trim();
  if (!isPlainDecimal(rate) || rate.startsWith('-') || !hasAtMostCents(rate)) {
    throw new InvalidInput('hourlyRate', 'The hourly rate is an amount of 0 or more with at most 2 decimals.');
  }

  const currency = command.currency ?? 'CNY';
  if (!/^[A-Z]{3}$/.test(currency)) throw new InvalidInput('currency', 'The currency is an ISO-4217 code such as "CNY".');

  return {
    shiftId: command.shiftId,
    retailerId: command.retailerId,
    siteId: command.siteId,
    siteTimeZone: command.siteTimeZone,
    role: command.role,
    title,
    description: command.description?.trim() || null,
    startsAt: command.startsAt.toISOString(),
    endsAt: command.endsAt.toISOString(),
    unpaidBreakMinutes,
    slots: command.slots,
    hourlyRate: toMoney(rate),
    currency,
    requiresGreenCode: command.requiresGreenCode ?? true,
    postedAt: command.at.toISOString(),
  };
}

/** FILLED and OPEN follow the slot count; CANCELLED and COMPLETED are final. */
function withSlotHolders(state: PostedShift, slotHolders: SlotHolder[]): PostedShift {
  const status = isClosed(state) ? state.status : slotHolders.length >= state.slots ? 'FILLED' : 'OPEN';
  return { ...state, slotHolders, status };
}

function isClosed(state: PostedShift): boolean {
  return state.status === 'CANCELLED' || state.status === 'COMPLETED';
}

function hasStarted(state: PostedShift, at: Date): boolean {
  return at.getTime() >= Date.parse(state.startsAt);
}

function holdsSlot(state: PostedShift, placementId: string): boolean {
  return state.slotHolders.some((holder) => holder.placementId === placementId);
}
