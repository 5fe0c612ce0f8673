/* Builders for the unit specs: one Shanghai shift, Tuesday 2026-03-10 08:00–16:00 local, rate 30.25. */
import { PlacementTerms, ShiftPosted, WorkerBooked, WorkerInvited, WorkerPlaced } from './events';
import { isoWeek } from './iso-week';
import { PostShift } from './shift-posting.decider';

export const SHANGHAI = 'Asia/Shanghai';
export const POSTED_AT = new Date('2026-03-01T09:00:00+08:00');
export const STARTS_AT = new Date('2026-03-10T08:00:00+08:00');
export const ENDS_AT = new Date('2026-03-10T16:00:00+08:00');

export const minutesBefore = (instant: Date, minutes: number) => new Date(instant.getTime() - minutes * 60_000);
export const minutesAfter = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * 60_000);

export function postShiftCommand(overrides: Partial<PostShift> = {}): PostShift {
  return {
    type: 'PostShift',
    shiftId: 'shift-1',
    retailerId: 'retailer-1',
    retailerVerified: true,
    siteId: 'site-1',
    siteTimeZone: SHANGHAI,
    role: 'PICKER',
    title: 'Morning pickers',
    startsAt: STARTS_AT,
    endsAt: ENDS_AT,
    slots: 2,
    hourlyRate: '30.25',
    at: POSTED_AT,
    ...overrides,
  };
}

export function shiftPosted(overrides: Partial<ShiftPosted['data']> = {}): ShiftPosted {
  return {
    type: 'ShiftPosted',
    data: {
      shiftId: 'shift-1',
      retailerId: 'retailer-1',
      siteId: 'site-1',
      siteTimeZone: SHANGHAI,
      role: 'PICKER',
      title: 'Morning pickers',
      description: null,
      startsAt: STARTS_AT.toISOString(),
      endsAt: ENDS_AT.toISOString(),
      unpaidBreakMinutes: 0,
      slots: 2,
      hourlyRate: '30.25',
      currency: 'CNY',
      requiresGreenCode: true,
      postedAt: POSTED_AT.toISOString(),
      ...overrides,
    },
  };
}

export function terms(overrides: Partial<PlacementTerms> = {}): PlacementTerms {
  return {
    placementId: 'placement-1',
    workerId: 'worker-1',
    lenderId: 'lender-1',
    shiftId: 'shift-1',
    retailerId: 'retailer-1',
    siteId: 'site-1',
    siteTimeZone: SHANGHAI,
    role: 'PICKER',
    startsAt: STARTS_AT.toISOString(),
    endsAt: ENDS_AT.toISOString(),
    unpaidBreakMinutes: 0,
    hourlyRate: '30.25',
    currency: 'CNY',
    ...overrides,
  };
}

export function workerInvited(at = POSTED_AT, overrides: Partial<PlacementTerms> = {}): WorkerInvited {
  const placementTerms = terms(overrides);
  return { type: 'WorkerInvited', data: { ...placementTerms, invitedAt: at.toISOString(), expiresAt: placementTerms.startsAt } };
}

export function workerPlaced(
  status: 'PENDING_LENDER' | 'CONFIRMED',
  at = POSTED_AT,
  overrides: Partial<PlacementTerms> = {},
): WorkerPlaced {
  const placementTerms = terms(overrides);
  const due = Math.min(at.getTime() + 2 * 3_600_000, Date.parse(placementTerms.startsAt));
  return {
    type: 'WorkerPlaced',
    data: {
      ...placementTerms,
      status,
      via: 'ACCEPT',
      acceptedBy: 'user-worker-1',
      placedAt: at.toISOString(),
      decisionDueAt: status === 'PENDING_LENDER' ? new Date(due).toISOString() : null,
      confirmedAt: status === 'CONFIRMED' ? at.toISOString() : null,
      insurance: { policyNumber: 'POL-1', coverage: '300000.00', currency: placementTerms.currency },
    },
  };
}

/** A booking in the worker's schedule; minutes default to the interval's length. */
export function workerBooked(placementId: string, startsAt: string, endsAt: string, minutes?: number): WorkerBooked {
  const starts = new Date(startsAt);
  const ends = new Date(endsAt);
  return {
    type: 'WorkerBooked',
    data: {
      workerId: 'worker-1',
      placementId,
      shiftId: `shift-of-${placementId}`,
      startsAt: starts.toISOString(),
      endsAt: ends.toISOString(),
      minutes: minutes ?? (ends.getTime() - starts.getTime()) / 60_000,
      siteTimeZone: SHANGHAI,
      isoWeek: isoWeek(starts, SHANGHAI),
      at: POSTED_AT.toISOString(),
    },
  };
}

/** The field an InvalidInput names, or the error's name when something else was thrown. */
export function fieldAtFault(act: () => unknown): string | undefined {
  try {
    act();
  } catch (error) {
    return (error as { field?: string; name: string }).field ?? `(${(error as Error).name})`;
  }
  return '(nothing thrown)';
}

/** The DomainError reason a call was refused for. */
export function refusalOf(act: () => unknown): string {
  try {
    act();
  } catch (error) {
    return (error as { reason?: string; name: string }).reason ?? `(${(error as Error).name})`;
  }
  return '(nothing thrown)';
}
