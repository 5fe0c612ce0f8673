import { localDate, startOfLocalDate } from '@blue-ocean/kernel';
// The workforce's green-code rule itself, not a copy: the search must agree with acceptShift.
// (Not in @blue-ocean/workforce's public index yet; exporting it there would make this import plain.)
import { addDays, CLEAN_DAYS_FOR_GREEN, type HealthRecord, healthStatus } from '../../../workforce/src/domain/health-code';

/** [from, until): the code is GREEN throughout; `until` null: for good. */
export type GreenPeriod = { from: Date; until: Date | null };

/**
 * When the worker's code is GREEN from `from` (the instant of the last health fact) on, as long
 * as no new fact arrives. Time alone changes the code only at a few instants: a local midnight
 * (the 14-date window of declarations moves), an attestation's `validUntil`, a screening's
 * `redUntil` (and a fact's own instant). Between two of them the code is constant, so the
 * domain's `healthStatus` is asked once per instant and the GREEN stretches are joined.
 *
 * Midnights matter only while declarations are in the window: up to 14 days after the last one.
 */
export function greenPeriods(record: HealthRecord, from: Date, timeZone: string): GreenPeriod[] {
  const start = from.getTime();
  const instants = new Set<number>([start]);
  const later = (iso: string) => {
    const at = Date.parse(iso);
    if (at > start) instants.add(at);
  };
  record.attestations.forEach((a) => (later(a.validUntil), later(a.at)));
  record.screenings.forEach((s) => (later(s.redUntil), later(s.at)));
  record.declarations.forEach((d) => later(d.at));
  const lastDate = record.declarations.map((d) => d.date).sort().at(-1);
  if (lastDate) {
    const end = addDays(lastDate, CLEAN_DAYS_FOR_GREEN + 1);
    for (let date = addDays(localDate(from, timeZone), 1); date <= end; date = addDays(date, 1)) {
      instants.add(startOfLocalDate(date, timeZone).getTime());
    }
  }

  const sorted = [...instants].sort((a, b) => a - b);
  const periods: GreenPeriod[] = [];
  sorted.forEach((at, i) => {
    if (healthStatus(record, new Date(at), timeZone).code !== 'GREEN') return;
    const until = i + 1 < sorted.length ? new Date(sorted[i + 1]) : null;
    const previous = periods.at(-1);
    if (previous && previous.until?.getTime() === at) previous.until = until;
    else periods.push({ from: new Date(at), until });
  });
  return periods;
}

/** PostgreSQL `tstzmultirange` text for the periods, e.g. `{[2026-03-01T00:00:00.000Z,2026-03-02T16:00:00.000Z)}`. */
export function toMultirange(periods: readonly GreenPeriod[]): string {
  return `{${periods.map((p) => `[${p.from.toISOString()},${p.until ? p.until.toISOString() : ''})`).join(',')}}`;
}

/**
 * Drops the facts that can no longer change the code at `at` or later (the record grows with every
 * daily declaration otherwise): declarations older than the 14-date window, every attestation but
 * the latest (it replaces the earlier ones), screenings whose RED has ended.
 */
export function pruneHealthRecord(record: HealthRecord, at: Date, timeZone: string): HealthRecord {
  const oldestDate = addDays(localDate(at, timeZone), -CLEAN_DAYS_FOR_GREEN);
  const now = at.getTime();
  return {
    enrolledAt: record.enrolledAt,
    declarations: record.declarations.filter((d) => d.date >= oldestDate),
    attestations: record.attestations.slice(-1),
    screenings: record.screenings.filter((s) => Date.parse(s.redUntil) > now),
  };
}
