import { localDate, startOfLocalDate } from '@blue-ocean/kernel';

const DAY_MS = 86_400_000;

/** A shift's business date: the local date of its start at the site. */
export function businessDateOf(startsAt: Date | string, timeZone: string): string {
  return localDate(new Date(startsAt), timeZone);
}

/** The calendar date after `date` ("2026-02-28" → "2026-03-01"). */
export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** When a business date has ended at the site: local midnight of the next date. */
export function endOfBusinessDate(businessDate: string, timeZone: string): Date {
  return startOfLocalDate(nextDate(businessDate), timeZone);
}
