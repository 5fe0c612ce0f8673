import { InvalidInput } from '@blue-ocean/kernel';

/** A worker's time at a site, from check-in to check-out; `checkOutAt` is null while still there. */
export interface AttendanceInterval {
  workerId: string;
  siteId: string;
  checkInAt: Date;
  checkOutAt: Date | null;
}

export interface CloseContact {
  workerId: string;
  siteId: string;
  /** Total time both were checked in at the site, rounded up: any overlap counts. */
  overlapMinutes: number;
  lastOverlapAt: Date;
}

export interface TraceRequest {
  workerId: string;
  now: Date;
  days: number;
}

type Span = { from: number; to: number };

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * Every other worker checked in at the same site at the same time as the traced worker within
 * the last `days` days (only the overlap inside that period counts), one entry per worker and
 * site, largest overlap first. Intervals that only touch do not overlap.
 */
export function closeContacts(intervals: readonly AttendanceInterval[], trace: TraceRequest): CloseContact[] {
  if (!Number.isInteger(trace.days) || trace.days < 1) throw new InvalidInput('days', 'days must be a whole number, 1 or more.');
  const period: Span = { from: trace.now.getTime() - trace.days * DAY_MS, to: trace.now.getTime() };
  const contacts: CloseContact[] = [];
  for (const [siteId, workers] of presenceBySite(intervals, period)) {
    const traced = workers.get(trace.workerId);
    if (!traced) continue;
    for (const [workerId, spans] of workers) {
      const overlaps = workerId === trace.workerId ? [] : intersect(traced, spans);
      if (overlaps.length === 0) continue;
      const overlapMs = overlaps.reduce((sum, span) => sum + span.to - span.from, 0);
      contacts.push({
        workerId,
        siteId,
        overlapMinutes: Math.ceil(overlapMs / MINUTE_MS),
        lastOverlapAt: new Date(Math.max(...overlaps.map((span) => span.to))),
      });
    }
  }
  return contacts.sort(
    (a, b) =>
      b.overlapMinutes - a.overlapMinutes ||
      b.lastOverlapAt.getTime() - a.lastOverlapAt.getTime() ||
      a.workerId.localeCompare(b.workerId) ||
      a.siteId.localeCompare(b.siteId),
  );
}

/** Site → worker → time there inside the period, as sorted spans that never overlap one another. */
function presenceBySite(intervals: readonly AttendanceInterval[], period: Span): Map<string, Map<string, Span[]>> {
  const sites = new Map<string, Map<string, Span[]>>();
  for (const interval of intervals) {
    const from = Math.max(interval.checkInAt.getTime(), period.from);
    const to = Math.min(interval.checkOutAt?.getTime() ?? period.to, period.to);
    if (from >= to) continue;
    const workers = sites.get(interval.siteId) ?? new Map<string, Span[]>();
    workers.set(interval.workerId, [...(workers.get(interval.workerId) ?? []), { from, to }]);
    sites.set(interval.siteId, workers);
  }
  for (const workers of sites.values()) {
    for (const [workerId, spans] of workers) workers.set(workerId, merge(spans));
  }
  return sites;
}

function merge(spans: Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.from - b.from)) {
    const last = merged[merged.length - 1];
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span });
  }
  return merged;
}

/** Where two sets of disjoint spans overlap, with positive length only. */
function intersect(a: Span[], b: Span[]): Span[] {
  const overlaps: Span[] = [];
  for (const x of a) {
    for (const y of b) {
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from < to) overlaps.push({ from, to });
    }
  }
  return overlaps;
}
