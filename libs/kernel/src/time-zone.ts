/** True when `name` is an IANA time zone this runtime knows, e.g. "Asia/Shanghai". */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

/** One formatter per time zone: creating an Intl.DateTimeFormat per call is slow and holds native memory. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date ("2026-03-02") of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(at);
}
