import { localDate } from '@blue-ocean/kernel';

const DAY_MS = 86_400_000;

/**
 * The ISO-8601 week ("2026-W10") of the calendar date an instant falls on in a time zone.
 * Weeks start on Monday and belong to the year of their Thursday, so 2027-01-01 is in 2026-W53.
 */
export function isoWeek(at: Date, timeZone: string): string {
  const [year, month, day] = localDate(at, timeZone).split('-').map(Number);
  const date = Date.UTC(year, month - 1, day);
  const mondayBased = (new Date(date).getUTCDay() + 6) % 7;
  const thursday = new Date(date + (3 - mondayBased) * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const dayOfYear = (thursday.getTime() - Date.UTC(weekYear, 0, 1)) / DAY_MS;
  const week = Math.floor(dayOfYear / 7) + 1;
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}
