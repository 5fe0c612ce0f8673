import { Decider, DomainError } from '@blue-ocean/kernel';
import { settlement, SettlementIdentity, SettlementState, SettlementStatus } from './settlement.decider';
import { SettlementEvent, SettlementLine } from './settlement.events';

/**
 * Which settlement is open for a retailer, a lender, a business date and a currency.
 *
 * A settlement is its own stream, so "the open settlement of the day" cannot be found race-safely
 * in a read model: two approvals racing could both see none and open two. The day gets a small
 * stream of its own whose state names the current settlement; opening one appends to the day
 * stream with its expected revision, so of two racing openers exactly one wins and the other
 * reloads and adds to the winner's. A PAID current settlement makes the next line open a new one.
 * The day also remembers which cancellation fees it has billed, so a fee delivered twice (the
 * process manager is at-least-once) is billed once, even when the first settlement is paid by then.
 */

export interface SettlementDayKey {
  retailerId: string;
  lenderId: string;
  /** The site's local date of the shift's start, "2026-03-02". */
  businessDate: string;
  currency: string;
}

export const settlementStream = (settlementId: string) => `settlement-${settlementId}`;
export const settlementDayStream = ({ retailerId, lenderId, businessDate, currency }: SettlementDayKey) =>
  `settlement-day-${retailerId}-${lenderId}-${businessDate}-${currency}`;

/** The day's current settlement is now `settlementId` (the first one, or the next after a payment). */
export interface DaySettlementOpened {
  type: 'DaySettlementOpened';
  data: SettlementDayKey & { settlementId: string; previousSettlementId: string | null };
}

/** A late-cancellation fee went into `settlementId`; it is never billed again. */
export interface CancellationFeeBilled {
  type: 'CancellationFeeBilled';
  data: { placementId: string; settlementId: string; amount: string };
}

export type SettlementDayEvent = DaySettlementOpened | CancellationFeeBilled;

export interface SettlementDayState {
  current: string | null;
  settlementIds: string[];
  feesBilled: string[];
}

export type OpenDaySettlement = {
  type: 'OpenDaySettlement';
  key: SettlementDayKey;
  settlementId: string;
  /** The status of the day's current settlement as the caller saw it; only a PAID one is replaced. */
  currentStatus: SettlementStatus | 'none';
};
export type BillCancellationFee = { type: 'BillCancellationFee'; placementId: string; settlementId: string; amount: string };
export type SettlementDayCommand = OpenDaySettlement | BillCancellationFee;

export const settlementDay: Decider<SettlementDayCommand, SettlementDayEvent, SettlementDayState> = {
  initialState: () => ({ current: null, settlementIds: [], feesBilled: [] }),

  decide(command, state) {
    switch (command.type) {
      case 'OpenDaySettlement':
        if (state.current !== null && command.currentStatus !== 'PAID') {
          throw new DomainError('INVALID_TRANSITION', 'This day already has an unpaid settlement; lines go into it.');
        }
        if (state.settlementIds.includes(command.settlementId)) return [];
        return [{ type: 'DaySettlementOpened', data: { ...command.key, settlementId: command.settlementId, previousSettlementId: state.current } }];
      case 'BillCancellationFee':
        if (state.feesBilled.includes(command.placementId)) return [];
        return [{ type: 'CancellationFeeBilled', data: { placementId: command.placementId, settlementId: command.settlementId, amount: command.amount } }];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'DaySettlementOpened':
        return { ...state, current: event.data.settlementId, settlementIds: [...state.settlementIds, event.data.settlementId] };
      case 'CancellationFeeBilled':
        return { ...state, feesBilled: [...state.feesBilled, event.data.placementId] };
    }
  },
};

/**
 * Thrown when the streams, loaded again for the append, no longer match the plan made from an
 * earlier load (another settlement opened, the planned one was paid, lines changed): the caller
 * makes a new plan and tries again. It never reaches a client.
 */
export class StalePlan extends Error {
  constructor(message = 'The settlement changed while planning; plan again.') {
    super(message);
    this.name = 'StalePlan';
  }
}

/** Which settlement of the day takes new lines, decided from a first load of the day and its current settlement. */
export interface DayPlan {
  /** The day's current settlement when the plan was made. */
  current: string | null;
  currentStatus: SettlementStatus | 'none';
  /** Where the lines go: the current settlement, or a new one when there is none or it is paid. */
  settlementId: string;
  opens: boolean;
}

export function planDay(day: SettlementDayState, currentStatus: SettlementStatus | 'none', newSettlementId: string): DayPlan {
  if (day.current === null || currentStatus === 'PAID') {
    return { current: day.current, currentStatus, settlementId: newSettlementId, opens: true };
  }
  return { current: day.current, currentStatus, settlementId: day.current, opens: false };
}

export interface AddDayLines {
  key: SettlementDayKey;
  /** The site's time zone, kept on a settlement it opens (it says when the business date ends). */
  timeZone: string;
  lines: SettlementLine[];
  /** Set for a late-cancellation fee: billed once per placement, ever. */
  cancellationFee?: { placementId: string; amount: string };
}

/**
 * The second phase, on the streams loaded for the append: the events for the day stream and
 * for the planned settlement's stream. StalePlan when they moved since the plan.
 */
export function decideDayLines(
  day: SettlementDayState,
  settlementState: SettlementState,
  plan: DayPlan,
  command: AddDayLines,
): [SettlementDayEvent[], SettlementEvent[]] {
  if (command.cancellationFee && day.feesBilled.includes(command.cancellationFee.placementId)) return [[], []];
  if (day.current !== plan.current) throw new StalePlan();
  if (!plan.opens && settlementState.status === 'PAID') throw new StalePlan();

  const dayEvents: SettlementDayEvent[] = [];
  if (plan.opens) {
    dayEvents.push(
      ...settlementDay.decide({ type: 'OpenDaySettlement', key: command.key, settlementId: plan.settlementId, currentStatus: plan.currentStatus }, day),
    );
  }
  const identity: SettlementIdentity = { ...command.key, settlementId: plan.settlementId, timeZone: command.timeZone };
  const settlementEvents = settlement.decide({ type: 'AddLines', settlement: identity, lines: command.lines }, settlementState);
  if (command.cancellationFee) {
    const { placementId, amount } = command.cancellationFee;
    dayEvents.push(...settlementDay.decide({ type: 'BillCancellationFee', placementId, settlementId: plan.settlementId, amount }, day));
  }
  return [dayEvents, settlementEvents];
}

/**
 * A dispute takes the placement's lines out of the day's current settlement: an APPROVED
 * placement's lines are always there, because paying a settlement settles its approved
 * placements in the same append and only a paid settlement is ever replaced.
 */
export function decideDayRemoval(day: SettlementDayState, settlementState: SettlementState, planned: string | null, placementId: string): SettlementEvent[] {
  if (day.current !== planned) throw new StalePlan();
  if (planned === null) return [];
  return settlement.decide({ type: 'RemovePlacementLines', placementId }, settlementState);
}
