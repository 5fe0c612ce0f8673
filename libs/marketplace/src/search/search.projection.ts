import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@blue-ocean/event-store';
import type { Projection } from '@blue-ocean/persistence';
import type { OrganizationEvent } from '../../../organizations/src/domain/events';
import type { HealthRecord } from '../../../workforce/src/domain/health-code';
import type { WorkerEvent } from '../../../workforce/src/domain/events';
import type { ShiftPostingEvent } from '../domain/events';
import { greenPeriods, pruneHealthRecord, toMultirange } from './green-periods';
import { offerLane, postingLane, roleIndex } from './lanes';

type Event = OrganizationEvent | WorkerEvent | ShiftPostingEvent;
type Of<T extends Event['type']> = Extract<Event, { type: T }>;

/**
 * Events of one kind that follow each other in the log are written together (one statement per
 * kind instead of one per event); the kinds keep the log's order. A rebuild or a bulk import of
 * a million workers then costs a few thousand statements, not millions.
 */
const KIND: Partial<Record<Event['type'], string>> = {
  OrganizationRegistered: 'organization',
  OrganizationVerified: 'verdict',
  OrganizationRejected: 'verdict',
  SiteAdded: 'site',
  WorkerEnrolled: 'enrolled',
  WorkerProfileClaimed: 'claimed',
  HealthDeclared: 'health',
  HealthAttested: 'health',
  ScreeningFailed: 'health',
  LendingOfferMade: 'offer',
  LendingOfferWithdrawn: 'withdrawn',
  ShiftPosted: 'posted',
  SlotTaken: 'slots',
  SlotFreed: 'slots',
  ShiftCancelled: 'shift-status',
  ShiftCompleted: 'shift-status',
};

/** The search read model (0007_search.sql): what openShifts and availableWorkers match on. */
export const searchProjection: Projection = {
  name: 'search',
  tables: ['search_offers', 'search_postings', 'search_workers', 'search_sites', 'search_organizations'],

  apply(recorded: RecordedEvent, db: EntityManager): Promise<void> {
    return this.applyBatch!([recorded], db);
  },

  async applyBatch(batch: readonly RecordedEvent[], db: EntityManager): Promise<void> {
    let run: Event[] = [];
    let runKind: string | undefined;
    for (const recorded of batch) {
      const kind = KIND[recorded.type as Event['type']];
      if (!kind) continue;
      if (kind !== runKind && run.length) {
        await applyRun(runKind!, run, db);
        run = [];
      }
      runKind = kind;
      run.push(recorded as unknown as Event);
    }
    if (run.length) await applyRun(runKind!, run, db);
  },
};

async function applyRun(kind: string, events: Event[], db: EntityManager): Promise<void> {
  switch (kind) {
    case 'organization': return organizationsRegistered(events as Of<'OrganizationRegistered'>[], db);
    case 'verdict': for (const e of events as Of<'OrganizationVerified' | 'OrganizationRejected'>[]) await verdict(e, db); return;
    case 'site': return sitesAdded(events as Of<'SiteAdded'>[], db);
    case 'enrolled': return workersEnrolled(events as Of<'WorkerEnrolled'>[], db);
    case 'claimed': return profilesClaimed(events as Of<'WorkerProfileClaimed'>[], db);
    case 'health': return healthFacts(events as Of<'HealthDeclared' | 'HealthAttested' | 'ScreeningFailed'>[], db);
    case 'offer': return offersMade(events as Of<'LendingOfferMade'>[], db);
    case 'withdrawn': return offersWithdrawn(events as Of<'LendingOfferWithdrawn'>[], db);
    case 'posted': return shiftsPosted(events as Of<'ShiftPosted'>[], db);
    case 'slots': return slotsChanged(events as Of<'SlotTaken' | 'SlotFreed'>[], db);
    case 'shift-status': return shiftStatuses(events as Of<'ShiftCancelled' | 'ShiftCompleted'>[], db);
  }
}

// ─── organizations: whether they are verified; sites: where they are ───

async function organizationsRegistered(events: Of<'OrganizationRegistered'>[], db: EntityManager) {
  await db.query(
    `INSERT INTO search_organizations (organization_id, verified)
     SELECT id, false FROM unnest($1::uuid[]) AS n(id) ON CONFLICT (organization_id) DO NOTHING`,
    [events.map((e) => e.data.organizationId)],
  );
}

/** A verdict changes what every row of the organization shows (in practice none yet: offers and postings wait for it). */
async function verdict(event: Of<'OrganizationVerified' | 'OrganizationRejected'>, db: EntityManager) {
  const id = event.data.organizationId;
  const verified = event.type === 'OrganizationVerified';
  await db.query(
    `INSERT INTO search_organizations (organization_id, verified) VALUES ($1, $2)
     ON CONFLICT (organization_id) DO UPDATE SET verified = EXCLUDED.verified`,
    [id, verified],
  );
  await db.query('UPDATE search_workers SET lender_verified = $2 WHERE employer_id = $1 AND lender_verified <> $2', [id, verified]);
  await db.query('UPDATE search_offers SET lender_verified = $2 WHERE employer_id = $1 AND lender_verified <> $2', [id, verified]);
  await db.query('UPDATE search_postings SET retailer_verified = $2 WHERE retailer_id = $1 AND retailer_verified <> $2', [id, verified]);
}

async function sitesAdded(events: Of<'SiteAdded'>[], db: EntityManager) {
  const d = events.map((e) => e.data);
  await db.query(
    `INSERT INTO search_sites (site_id, organization_id, lat, lng)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::float8[], $4::float8[]) ON CONFLICT (site_id) DO NOTHING`,
    [d.map((s) => s.siteId), d.map((s) => s.organizationId), d.map((s) => s.location.lat), d.map((s) => s.location.lng)],
  );
}

// ─── workers ───

async function workersEnrolled(events: Of<'WorkerEnrolled'>[], db: EntityManager) {
  const d = events.map((e) => e.data);
  await db.query(
    `INSERT INTO search_workers (worker_id, employer_id, full_name, skills, home_lat, home_lng, max_hours_per_week,
                                 employer_time_zone, enrolled_at, lender_verified, health)
     SELECT n.id, n.employer_id, n.full_name, string_to_array(n.skills, ','), n.lat, n.lng, n.max_hours, n.tz, n.at,
            coalesce(o.verified, false), jsonb_build_object('enrolledAt', n.at_text, 'declarations', '[]'::jsonb,
                                                            'attestations', '[]'::jsonb, 'screenings', '[]'::jsonb)
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::int[], $8::text[], $9::timestamptz[], $10::text[])
          AS n(id, employer_id, full_name, skills, lat, lng, max_hours, tz, at, at_text)
     LEFT JOIN search_organizations o ON o.organization_id = n.employer_id
     ON CONFLICT (worker_id) DO NOTHING`,
    [
      d.map((w) => w.workerId), d.map((w) => w.employerId), d.map((w) => w.fullName), d.map((w) => w.skills.join(',')),
      d.map((w) => w.homeLocation.lat), d.map((w) => w.homeLocation.lng), d.map((w) => w.maxHoursPerWeek),
      d.map((w) => w.employerTimeZone), d.map((w) => w.at), d.map((w) => w.at),
    ],
  );
}

async function profilesClaimed(events: Of<'WorkerProfileClaimed'>[], db: EntityManager) {
  await db.query(
    `UPDATE search_workers w SET user_id = n.user_id
     FROM unnest($1::uuid[], $2::uuid[]) AS n(worker_id, user_id) WHERE w.worker_id = n.worker_id`,
    [events.map((e) => e.data.workerId), events.map((e) => e.data.userId)],
  );
}

/**
 * A health fact joins the worker's record (pruned to what can still matter) and the GREEN periods
 * are computed again with the domain rule, from the fact's instant on (green-periods.ts).
 */
async function healthFacts(events: Of<'HealthDeclared' | 'HealthAttested' | 'ScreeningFailed'>[], db: EntityManager) {
  const ids = [...new Set(events.map((e) => e.data.workerId))];
  const rows: { worker_id: string; health: HealthRecord; employer_time_zone: string }[] = await db.query(
    'SELECT worker_id, health, employer_time_zone FROM search_workers WHERE worker_id = ANY($1::uuid[])',
    [ids],
  );
  const workers = new Map(rows.map((r) => [r.worker_id, { record: r.health, timeZone: r.employer_time_zone, last: 0 }]));
  for (const event of events) {
    const worker = workers.get(event.data.workerId);
    if (!worker) continue;
    const { record } = worker;
    if (event.type === 'HealthDeclared') record.declarations.push({ date: event.data.date, clean: event.data.clean, at: event.data.at });
    if (event.type === 'HealthAttested') record.attestations.push({ code: event.data.code, validUntil: event.data.validUntil, at: event.data.at });
    if (event.type === 'ScreeningFailed') record.screenings.push({ redUntil: event.data.redUntil, at: event.data.at });
    worker.last = Math.max(worker.last, Date.parse(event.data.at));
  }
  const updated = [...workers.entries()].map(([id, { record, timeZone, last }]) => {
    const at = new Date(last);
    const kept = pruneHealthRecord(record, at, timeZone);
    return { id, health: JSON.stringify(kept), green: toMultirange(greenPeriods(kept, at, timeZone)) };
  });
  if (updated.length === 0) return;
  const params = [updated.map((u) => u.id), updated.map((u) => u.health), updated.map((u) => u.green)];
  await db.query(
    `UPDATE search_workers w SET health = n.health, green_during = n.green
     FROM unnest($1::uuid[], $2::jsonb[], $3::tstzmultirange[]) AS n(id, health, green) WHERE w.worker_id = n.id`,
    params,
  );
  // The workers' offers copy their new periods, found worker by worker as in offersMade.
  await db.query(
    `UPDATE search_offers o SET green_during = w.green_during FROM search_workers w
     WHERE o.ctid = ANY(ARRAY(
             SELECT offer.ctid FROM unnest($1::uuid[]) AS n(worker_id)
             CROSS JOIN LATERAL (SELECT ctid FROM search_offers o WHERE o.worker_id = n.worker_id OFFSET 0) offer))
       AND w.worker_id = o.worker_id`,
    [params[0]],
  );
}

/**
 * Where the Attendance issue plugs in: reliability (attended ÷ (attended + no-shows + late
 * cancellations by the worker or the lender), 1.0 with no history) orders candidates after
 * distance. Call it from this projection on the events that change it.
 */
export async function setReliability(db: EntityManager, workerId: string, reliability: number): Promise<void> {
  await db.query('UPDATE search_workers SET reliability = $2 WHERE worker_id = $1', [workerId, reliability]);
  await db.query('UPDATE search_offers SET reliability = $2 WHERE worker_id = $1', [workerId, reliability]);
}

// ─── lending offers: one row per role ───

async function offersMade(events: Of<'LendingOfferMade'>[], db: EntityManager) {
  // Offers that ended before the worker's new one are of no use to any search: drop them. They are
  // found worker by worker through the worker index (LATERAL … OFFSET 0): without statistics the
  // planner would scan every offer instead, for every batch, and a bulk import would slow down as it grows.
  const latest = new Map<string, string>();
  for (const { data } of events) if (!latest.has(data.workerId) || data.at > latest.get(data.workerId)!) latest.set(data.workerId, data.at);
  await db.query(
    `DELETE FROM search_offers WHERE ctid = ANY(ARRAY(
       SELECT ended.ctid FROM unnest($1::uuid[], $2::timestamptz[]) AS n(worker_id, at)
       CROSS JOIN LATERAL (SELECT ctid FROM search_offers o WHERE o.worker_id = n.worker_id AND o.available_until <= n.at OFFSET 0) ended))`,
    [[...latest.keys()], [...latest.values()]],
  );
  const rows = stillOpen(events).flatMap(({ data }) =>
    [...new Set(data.roles)].map((role) => ({ ...data, role, roleIndex: roleIndex(role), lane: offerLane(role, data.maxTravelKm) })),
  );
  await db.query(
    `INSERT INTO search_offers (offer_id, role, worker_id, employer_id, role_index, lane, point, home_lat, home_lng, roles,
                                available_from, available_until, min_hourly_rate, max_travel_km, auto_approve, offered_at,
                                lender_verified, green_during, reliability)
     SELECT n.offer_id, n.role, w.worker_id, w.employer_id, n.role_index, n.lane, search_point(w.home_lat, w.home_lng, n.lane),
            w.home_lat, w.home_lng, string_to_array(n.roles, ','), n.available_from, n.available_until, n.min_hourly_rate,
            n.max_travel_km, n.auto_approve, n.offered_at, w.lender_verified, w.green_during, w.reliability
     FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::int[], $5::int[], $6::text[], $7::timestamptz[], $8::timestamptz[],
                 $9::numeric[], $10::float8[], $11::boolean[], $12::timestamptz[])
          AS n(offer_id, role, worker_id, role_index, lane, roles, available_from, available_until, min_hourly_rate,
               max_travel_km, auto_approve, offered_at)
     JOIN search_workers w ON w.worker_id = n.worker_id
     ON CONFLICT (offer_id, role) DO NOTHING`,
    [
      rows.map((r) => r.offerId), rows.map((r) => r.role), rows.map((r) => r.workerId), rows.map((r) => r.roleIndex),
      rows.map((r) => r.lane), rows.map((r) => r.roles.join(',')), rows.map((r) => r.availableFrom),
      rows.map((r) => r.availableUntil), rows.map((r) => r.minHourlyRate), rows.map((r) => r.maxTravelKm),
      rows.map((r) => r.autoApprove), rows.map((r) => r.at),
    ],
  );
}

/**
 * The run's offers but those that ended before the same worker's next offer of the run was made:
 * applied one at a time, that next offer would have deleted them.
 */
function stillOpen(events: Of<'LendingOfferMade'>[]): Of<'LendingOfferMade'>[] {
  const nextMade = new Map<string, number>();
  const open: Of<'LendingOfferMade'>[] = [];
  for (const event of [...events].reverse()) {
    const { workerId, availableUntil, at } = event.data;
    const next = nextMade.get(workerId) ?? -Infinity;
    if (Date.parse(availableUntil) > next) open.push(event);
    nextMade.set(workerId, Math.max(next, Date.parse(at)));
  }
  return open.reverse();
}

async function offersWithdrawn(events: Of<'LendingOfferWithdrawn'>[], db: EntityManager) {
  await db.query('DELETE FROM search_offers WHERE offer_id = ANY($1::uuid[])', [events.map((e) => e.data.offerId)]);
}

// ─── shift postings ───

async function shiftsPosted(events: Of<'ShiftPosted'>[], db: EntityManager) {
  const d = events.map((e) => e.data);
  await db.query(
    `INSERT INTO search_postings (shift_id, retailer_id, site_id, role, lane, point, site_lat, site_lng, starts_at, ends_at,
                                  hourly_rate, requires_green_code, slots, slots_filled, status, retailer_verified, posted_at)
     SELECT n.shift_id, n.retailer_id, n.site_id, n.role, n.lane, search_point(s.lat, s.lng, n.lane), s.lat, s.lng,
            n.starts_at, n.ends_at, n.hourly_rate, n.requires_green_code, n.slots, 0, 'OPEN', coalesce(o.verified, false), n.posted_at
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::timestamptz[], $7::timestamptz[], $8::numeric[],
                 $9::boolean[], $10::int[], $11::timestamptz[])
          AS n(shift_id, retailer_id, site_id, role, lane, starts_at, ends_at, hourly_rate, requires_green_code, slots, posted_at)
     JOIN search_sites s ON s.site_id = n.site_id
     LEFT JOIN search_organizations o ON o.organization_id = n.retailer_id
     ON CONFLICT (shift_id) DO NOTHING`,
    [
      d.map((p) => p.shiftId), d.map((p) => p.retailerId), d.map((p) => p.siteId), d.map((p) => p.role),
      d.map((p) => postingLane(p.role)), d.map((p) => p.startsAt), d.map((p) => p.endsAt), d.map((p) => p.hourlyRate),
      d.map((p) => p.requiresGreenCode), d.map((p) => p.slots), d.map((p) => p.postedAt),
    ],
  );
  // The retailer's postings that ended before this one was posted leave the openShifts index
  // (they can never be taken again, yet may never be COMPLETED).
  const latest = new Map<string, string>();
  for (const p of d) if (!latest.has(p.retailerId) || p.postedAt > latest.get(p.retailerId)!) latest.set(p.retailerId, p.postedAt);
  await db.query(
    `UPDATE search_postings p SET live = false FROM unnest($1::uuid[], $2::timestamptz[]) AS n(retailer_id, at)
     WHERE p.retailer_id = n.retailer_id AND p.live AND p.ends_at < n.at`,
    [[...latest.keys()], [...latest.values()]],
  );
}

/** Slot counts add up, and the status follows the final count (as in the marketplace projection). */
async function slotsChanged(events: Of<'SlotTaken' | 'SlotFreed'>[], db: EntityManager) {
  const change = new Map<string, number>();
  for (const e of events) change.set(e.data.shiftId, (change.get(e.data.shiftId) ?? 0) + (e.type === 'SlotTaken' ? 1 : -1));
  await db.query(
    `UPDATE search_postings p SET slots_filled = p.slots_filled + n.change,
       status = CASE WHEN p.status IN ('OPEN', 'FILLED')
                     THEN CASE WHEN p.slots_filled + n.change >= p.slots THEN 'FILLED' ELSE 'OPEN' END
                     ELSE p.status END
     FROM unnest($1::uuid[], $2::int[]) AS n(shift_id, change) WHERE p.shift_id = n.shift_id`,
    [[...change.keys()], [...change.values()]],
  );
}

async function shiftStatuses(events: Of<'ShiftCancelled' | 'ShiftCompleted'>[], db: EntityManager) {
  const status = new Map<string, string>();
  for (const e of events) status.set(e.data.shiftId, e.type === 'ShiftCancelled' ? 'CANCELLED' : 'COMPLETED');
  await db.query(
    `UPDATE search_postings p SET status = n.status FROM unnest($1::uuid[], $2::text[]) AS n(shift_id, status)
     WHERE p.shift_id = n.shift_id`,
    [[...status.keys()], [...status.values()]],
  );
}
