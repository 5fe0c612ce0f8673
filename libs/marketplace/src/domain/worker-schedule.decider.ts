import { Decider, DomainError } from '@blue-ocean/kernel';
import { WorkerBooked, WorkerScheduleEvent } from './events';
import { isoWeek } from './iso-week';

/**
 * A worker's live bookings: placements in PENDING_LENDER, CONFIRMED or CHECKED_IN.
 * Whoever moves a placement out of those states releases it here (booking.ts `decideRelease`
 * for rejection, expiry, cancellation; attendance at check-out and no-show).
 *
 * Weekly hours count paid minutes (the shift's length less its unpaid break), and a whole shift
 * counts in the ISO week its start falls in, in the time zone of the site being booked — the
 * same "it belongs to the day it starts" rule as the settlement's business date. A Sunday-night
 * shift into Monday therefore counts fully in the Sunday's week.
 */
export type BookWorker = {
  type: 'BookWorker';
  workerId: string;
  placementId: string;
  shiftId: string;
  startsAt: Date;
  endsAt: Date;
  unpaidBreakMinutes: number;
  siteTimeZone: string;
  maxHoursPerWeek: number;
  at: Date;
};
/** Idempotent: releases nothing when the placement is not booked. */
export type ReleaseWorker = { type: 'ReleaseWorker'; workerId: string; placementId: string; at: Date };

export type WorkerScheduleCommand = BookWorker | ReleaseWorker;

export type Booking = WorkerBooked['data'];
export type WorkerScheduleState = { bookings: Booking[] };

export const workerSchedule: Decider<WorkerScheduleCommand, WorkerScheduleEvent, WorkerScheduleState> = {
  initialState: () => ({ bookings: [] }),

  decide(command, state) {
    const at = command.at.toISOString();
    if (command.type === 'ReleaseWorker') {
      if (!state.bookings.some((booking) => booking.placementId === command.placementId)) return [];
      return [{ type: 'WorkerReleased', data: { workerId: command.workerId, placementId: command.placementId, at } }];
    }

    const { startsAt, endsAt, siteTimeZone } = command;
    if (state.bookings.some((booking) => overlaps(booking, startsAt, endsAt))) {
      throw new DomainError('WORKER_BUSY', 'The worker has another placement at that time.');
    }
    const week = isoWeek(startsAt, siteTimeZone);
    const minutes = paidMinutes(startsAt, endsAt, command.unpaidBreakMinutes);
    const alreadyBooked = state.bookings
      .filter((booking) => isoWeek(new Date(booking.startsAt), siteTimeZone) === week)
      .reduce((sum, booking) => sum + booking.minutes, 0);
    if (alreadyBooked + minutes > command.maxHoursPerWeek * 60) {
      throw new DomainError('WEEKLY_HOURS_EXCEEDED', `This shift would take the worker past ${command.maxHoursPerWeek} hours in ${week}.`);
    }
    return [
      {
        type: 'WorkerBooked',
        data: {
          workerId: command.workerId,
          placementId: command.placementId,
          shiftId: command.shiftId,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          minutes,
          siteTimeZone,
          isoWeek: week,
          at,
        },
      },
    ];
  },

  evolve(state, event) {
    switch (event.type) {
      case 'WorkerBooked':
        return { bookings: [...state.bookings, event.data] };
      case 'WorkerReleased':
        return { bookings: state.bookings.filter((booking) => booking.placementId !== event.data.placementId) };
    }
  },
};

/** Whole minutes of the shift less its unpaid break, never below 0. */
export function paidMinutes(startsAt: Date, endsAt: Date, unpaidBreakMinutes: number): number {
  return Math.max(0, Math.floor((endsAt.getTime() - startsAt.getTime()) / 60_000) - unpaidBreakMinutes);
}

/** Half-open intervals: a shift ending at 12:00 and one starting at 12:00 do not overlap. */
function overlaps(booking: Booking, startsAt: Date, endsAt: Date): boolean {
  return Date.parse(booking.startsAt) < endsAt.getTime() && startsAt.getTime() < Date.parse(booking.endsAt);
}
