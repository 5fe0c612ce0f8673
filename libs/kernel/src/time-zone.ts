/** True when `name` is an IANA time zone this runtime knows, e.g. "Asia/Shanghai". */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

/**
 * One formatter per time zone and shape: each `new Intl.DateTimeFormat` is slow to make and holds
 * native (ICU) memory until a GC finalizes it (150,000 fresh ones grew a rebuild by about 1.2 GB).
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function formatIn(formats: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) formats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, ...options })));
  return format;
}

/** The calendar date ("2026-03-02") of an instant in a time zone. */
export function localDate(at: Date | number, timeZone: string): string {
  return formatIn(dateFormats, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The first instant whose local date in `timeZone` is `date` ("YYYY-MM-DD"), where midnight falls in a DST gap too. */
export function startOfLocalDate(date: string, timeZone: string): Date {
  const wallMidnight = Date.parse(`${date}T00:00:00Z`);
  const offset = (at: number) => Date.parse(`${localWallClock(at, timeZone)}Z`) - at;
  let guess = wallMidnight - offset(wallMidnight);
  guess = wallMidnight - offset(guess);
  if (localDate(guess, timeZone) === date && localDate(guess - 1, timeZone) < date) return new Date(guess);
  // Midnight skipped (a DST change at 00:00) or an odd offset: search for the day's boundary.
  let lo = wallMidnight - 15 * 3_600_000; // UTC+14 has the earliest midnight
  let hi = wallMidnight + 13 * 3_600_000; // UTC−12 the latest
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDate(mid, timeZone) >= date) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** "YYYY-MM-DDTHH:mm:ss" of an instant in a time zone. */
function localWallClock(at: number, timeZone: string): string {
  const format = formatIn(wallClockFormats, timeZone, {
    hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}
