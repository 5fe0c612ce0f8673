import { localDate } from '@blue-ocean/kernel';

const DAY_MS = 86_400_000;

/** A shift's business date: the local date of its start at the site. */
export function businessDateOf(startsAt: Date | string, timeZone: string): string {
  return localDate(new Date(startsAt), timeZone);
}

/** The calendar date after `date` ("2026-02-28" → "2026-03-01"). */
export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The instant local midnight begins `date` in `timeZone` (the first instant whose local date is `date`). */
export function startOfLocalDate(date: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  let guess = midnightUtc;
  for (let i = 0; i < 3; i++) guess = midnightUtc - offsetMs(new Date(guess), timeZone);
  // Where midnight does not exist (a DST gap), step forward to the first local instant of the date.
  while (localDate(new Date(guess), timeZone) < date) guess += 15 * 60_000;
  while (localDate(new Date(guess - 60_000), timeZone) >= date) guess -= 60_000;
  return new Date(guess);
}

/** When a business date has ended at the site: local midnight of the next date. */
export function endOfBusinessDate(businessDate: string, timeZone: string): Date {
  return startOfLocalDate(nextDate(businessDate), timeZone);
}

/** Local wall-clock time minus UTC at an instant, in ms (Asia/Shanghai: +8 h). */
function offsetMs(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}
