import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { type Caller, type PageInfo, pageSize } from '@blue-ocean/api';
import { CLOCK, type Clock, Forbidden, isUuid, NotFound } from '@blue-ocean/kernel';
import { Organizations } from '@blue-ocean/organizations';
import { PG_POOL } from '@blue-ocean/persistence';
import { Workers } from '@blue-ocean/workforce';
import { ShiftPostingRow } from '../projections/marketplace.entities';
import { offerLanesFor } from './lanes';
import {
  type CandidateKey,
  decodeCandidateCursor,
  decodeShiftCursor,
  encodeCandidateCursor,
  encodeShiftCursor,
} from './search-cursor';

export interface OpenShiftsQuery {
  role?: string | null;
  from?: Date | null;
  until?: Date | null;
  maxDistanceKm?: number | null;
}

export interface FoundShift {
  posting: ShiftPostingRow;
  distanceKm: number;
  cursor: string;
}

/** What a candidate row carries: enough for `Worker` and `LendingOffer` without another read. */
export interface FoundCandidate {
  distanceKm: number;
  reliability: number;
  cursor: string;
  worker: {
    id: string;
    employerId: string;
    fullName: string;
    skills: string[];
    homeLat: number;
    homeLng: number;
    maxHoursPerWeek: number;
    employerTimeZone: string;
    enrolledAt: Date;
  };
  offer: {
    id: string;
    workerId: string;
    availableFrom: Date;
    availableUntil: Date;
    roles: string[];
    minHourlyRate: string;
    maxTravelKm: number;
    autoApprove: boolean;
  };
}

export interface SearchPage<T> {
  items: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Placements that hold the worker's time (API-RULES.md: "no other placement … overlaps it"). */
const BUSY = `('PENDING_LENDER', 'CONFIRMED', 'CHECKED_IN')`;

/*
 * Plan shape, kept stable whatever the statistics say: `OFFSET 0` stops PostgreSQL from flattening
 * a subquery, so each LATERAL search stays one GiST index scan per lane (per offer) with its own
 * box, and the busy check stays one probe of the placements index (worker_id, starts_at) per
 * candidate instead of an anti-join that might scan every live placement for each one.
 */

/**
 * Whether offer row `o` makes its worker a candidate for a posting whose terms are the SQL
 * expressions `p` (query parameters, or columns of search_postings): the offer covers the posting
 * (role, window, rate, distance), the lender is verified, the code is GREEN now when the posting
 * asks for it, and no placement of the worker in PENDING_LENDER/CONFIRMED/CHECKED_IN overlaps it.
 */
function candidateConditions(p: { role: string; startsAt: string; endsAt: string; rate: string; green: string; distanceKm: string }, now: string): string {
  return `o.role = ${p.role}
    AND ${p.distanceKm} <= o.max_travel_km
    AND o.available_from <= ${p.startsAt} AND o.available_until >= ${p.endsAt} AND o.available_until > ${now}
    AND o.min_hourly_rate <= ${p.rate}
    AND o.lender_verified
    AND (NOT ${p.green} OR o.green_during @> ${now})
    AND NOT EXISTS (SELECT 1 FROM placements busy
                    WHERE busy.worker_id = o.worker_id AND busy.status IN ${BUSY}
                      AND busy.starts_at < ${p.endsAt} AND busy.ends_at > ${p.startsAt}
                    OFFSET 0)`;
}

/**
 * openShifts: the bookable postings the worker's active offers cover. Per (offer, role) of the
 * worker, the GiST index of bookable postings is asked for the role's lane within the offer's
 * reach of the worker's home (search_box), then each hit is checked exactly.
 */
export const OPEN_SHIFTS_SQL = `
WITH me AS MATERIALIZED (
  SELECT worker_id, home_lat, home_lng FROM search_workers WHERE user_id = $1::uuid LIMIT 1
), offers AS (
  SELECT me.home_lat, me.home_lng, o.role, o.role_index, o.available_from, o.available_until, o.min_hourly_rate,
         least(o.max_travel_km, $4::float8) AS limit_km  -- a filter narrows the reach, never widens it
  FROM search_offers o CROSS JOIN me
  -- a scalar subquery: always the worker_id index, whatever the estimates of \`me\`
  WHERE o.worker_id = (SELECT worker_id FROM me)
    AND o.available_until > $2::timestamptz AND ($3::text IS NULL OR o.role = $3::text)
), matches AS MATERIALIZED (
  SELECT DISTINCT ON (p.shift_id) p.shift_id, p.distance_km
  FROM offers q
  CROSS JOIN LATERAL (
    SELECT p.shift_id, p.role, p.starts_at, p.ends_at, p.hourly_rate,
           search_distance_km(q.home_lat, q.home_lng, p.site_lat, p.site_lng) AS distance_km
    FROM search_postings p
    WHERE p.point <@ search_box(q.home_lat, q.home_lng, q.limit_km, q.role_index)
      AND p.live AND p.status = 'OPEN' AND p.slots_filled < p.slots AND p.retailer_verified
    OFFSET 0
  ) p
  WHERE p.role = q.role AND p.distance_km <= q.limit_km
    AND p.starts_at > $2::timestamptz AND q.available_from <= p.starts_at AND p.ends_at <= q.available_until
    AND q.min_hourly_rate <= p.hourly_rate
    AND ($5::timestamptz IS NULL OR p.starts_at >= $5::timestamptz)
    AND ($6::timestamptz IS NULL OR p.ends_at <= $6::timestamptz)
  ORDER BY p.shift_id
), page AS (
  SELECT m.shift_id, m.distance_km FROM matches m
  WHERE $7::float8 IS NULL OR (m.distance_km, m.shift_id) > ($7::float8, $8::uuid)
  ORDER BY m.distance_km, m.shift_id
  LIMIT $9::int
)
SELECT EXISTS (SELECT 1 FROM me) AS is_worker,
       (SELECT count(*) FROM matches)::int AS total_count,
       coalesce((
         SELECT json_agg(json_build_object(
                  'distanceKm', page.distance_km,
                  'posting', json_build_object('id', s.id, 'retailerId', s.retailer_id, 'siteId', s.site_id,
                    'siteTimeZone', s.site_time_zone, 'role', s.role, 'title', s.title, 'description', s.description,
                    'startsAt', s.starts_at, 'endsAt', s.ends_at, 'unpaidBreakMinutes', s.unpaid_break_minutes, 'slots', s.slots,
                    'slotsFilled', s.slots_filled, 'hourlyRate', s.hourly_rate::text, 'currency', s.currency,
                    'requiresGreenCode', s.requires_green_code, 'status', s.status, 'createdAt', s.created_at))
                ORDER BY page.distance_km, page.shift_id)
         FROM page JOIN shift_postings s ON s.id = page.shift_id),
       '[]'::json) AS page`;

/**
 * availableWorkers: per travel bucket of the posting's role, the GiST index of offers is asked for
 * homes within the bucket's largest radius of the site (search_box), then each hit is checked
 * exactly (candidateConditions); a worker with several covering offers appears once, with the
 * offer booking would use (the earliest made).
 */
export const AVAILABLE_WORKERS_SQL = `
WITH candidates AS MATERIALIZED (
  SELECT DISTINCT ON (o.worker_id) o.worker_id, o.offer_id, o.distance_km, o.reliability
  FROM unnest($4::int[], $5::float8[]) AS b(lane, radius_km)
  CROSS JOIN LATERAL (
    SELECT o.*, search_distance_km(o.home_lat, o.home_lng, $1::float8, $2::float8) AS distance_km
    FROM search_offers o
    WHERE o.point <@ search_box($1::float8, $2::float8, b.radius_km, b.lane)
    OFFSET 0
  ) o
  WHERE ${candidateConditions(
    { role: '$3::text', startsAt: '$6::timestamptz', endsAt: '$7::timestamptz', rate: '$8::numeric', green: '$9::boolean', distanceKm: 'o.distance_km' },
    '$10::timestamptz',
  )}
  ORDER BY o.worker_id, o.offered_at, o.offer_id
), page AS (
  SELECT c.* FROM candidates c
  WHERE $11::float8 IS NULL OR c.distance_km > $11::float8
     OR (c.distance_km = $11::float8 AND (c.reliability < $12::float8 OR (c.reliability = $12::float8 AND c.worker_id > $13::uuid)))
  ORDER BY c.distance_km, c.reliability DESC, c.worker_id
  LIMIT $14::int
)
SELECT (SELECT count(*) FROM candidates)::int AS total_count,
       coalesce((
         SELECT json_agg(json_build_object(
                  'distanceKm', page.distance_km, 'reliability', page.reliability,
                  'worker', json_build_object('id', w.worker_id, 'employerId', w.employer_id, 'fullName', w.full_name,
                    'skills', w.skills, 'homeLat', w.home_lat, 'homeLng', w.home_lng, 'maxHoursPerWeek', w.max_hours_per_week,
                    'employerTimeZone', w.employer_time_zone, 'enrolledAt', w.enrolled_at),
                  'offer', json_build_object('id', o.offer_id, 'workerId', o.worker_id, 'availableFrom', o.available_from,
                    'availableUntil', o.available_until, 'roles', o.roles, 'minHourlyRate', o.min_hourly_rate::text,
                    'maxTravelKm', o.max_travel_km, 'autoApprove', o.auto_approve))
                ORDER BY page.distance_km, page.reliability DESC, page.worker_id)
         FROM page
         JOIN search_workers w ON w.worker_id = page.worker_id
         JOIN search_offers o ON o.offer_id = page.offer_id AND o.role = $3::text),
       '[]'::json) AS page`;

/** Whether one of the retailers' postings (not yet ended) has the worker as a candidate (for `Worker` visibility). */
export const IS_CANDIDATE_SQL = `
SELECT EXISTS (
  SELECT 1
  FROM search_offers o
  JOIN search_postings p ON p.retailer_id = ANY($2::uuid[]) AND p.live AND p.role = o.role
                        AND p.starts_at >= o.available_from AND p.ends_at > $3::timestamptz
  WHERE o.worker_id = $1::uuid
    AND ${candidateConditions(
      {
        role: 'p.role', startsAt: 'p.starts_at', endsAt: 'p.ends_at', rate: 'p.hourly_rate', green: 'p.requires_green_code',
        distanceKm: 'search_distance_km(o.home_lat, o.home_lng, p.site_lat, p.site_lng)',
      },
      '$3::timestamptz',
    )}
) AS candidate`;

/**
 * The marketplace's matching queries, on the search read model (0007_search.sql, projected by
 * search.projection.ts). Both answer in one statement: the full match set is counted
 * (totalCount) and the page cut from it by keyset.
 */
@Injectable()
export class MarketSearch implements OnModuleInit {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly organizations: Organizations,
    private readonly workers: Workers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** API-RULES.md, "Reads": a worker is visible to members of a retailer that sees the worker as a candidate. */
  onModuleInit(): void {
    this.workers.alsoVisibleWhen((caller, worker) => this.isCandidateForCaller(caller, worker.id));
  }

  /** Bookable postings the calling worker's active offers cover, nearest first (the worker only). */
  async openShifts(caller: Caller, filter: OpenShiftsQuery | null | undefined, first: number, after: string | null | undefined): Promise<SearchPage<FoundShift>> {
    const size = pageSize(first);
    const cursor = decodeShiftCursor(after);
    const [result] = await this.read<{ is_worker: boolean; total_count: number; page: RawShift[] }>(OPEN_SHIFTS_SQL, [
      caller.userId, this.clock.now(), filter?.role ?? null, filter?.maxDistanceKm ?? null, filter?.from ?? null, filter?.until ?? null,
      cursor?.distanceKm ?? null, cursor?.id ?? null, size + 1,
    ]);
    if (!result.is_worker) throw new Forbidden('Only a worker who has claimed a profile may search open shifts.');
    const items = result.page.slice(0, size).map(toFoundShift);
    return { items, pageInfo: pageInfoOf(result.page.length > size, items.at(-1)?.cursor), totalCount: result.total_count };
  }

  /** Lent workers who could fill the posting, nearest first, then most reliable (the retailer's members only). */
  async availableWorkers(caller: Caller, shiftId: string, first: number, after: string | null | undefined): Promise<SearchPage<FoundCandidate>> {
    const posting = await this.posting(shiftId);
    if (!(await this.organizations.roleOf(caller.userId, posting.retailer_id))) {
      throw new Forbidden("Only the retailer's members may look for workers for its postings.");
    }
    const size = pageSize(first);
    const cursor = decodeCandidateCursor(after);
    const { lanes, radiiKm } = offerLanesFor(posting.role);
    const [result] = await this.read<{ total_count: number; page: RawCandidate[] }>(AVAILABLE_WORKERS_SQL, [
      posting.site_lat, posting.site_lng, posting.role, lanes, radiiKm, posting.starts_at, posting.ends_at, posting.hourly_rate,
      posting.requires_green_code, this.clock.now(), cursor?.distanceKm ?? null, cursor?.reliability ?? null, cursor?.id ?? null,
      size + 1,
    ]);
    const items = result.page.slice(0, size).map(toCandidate);
    return { items, pageInfo: pageInfoOf(result.page.length > size, items.at(-1)?.cursor), totalCount: result.total_count };
  }

  /** Whether a retailer the caller is a member of has the worker as a candidate for one of its postings. */
  async isCandidateForCaller(caller: Caller, workerId: string): Promise<boolean> {
    const organizations = (await this.organizations.membershipsOf(caller.userId)).map((m) => m.organizationId);
    if (organizations.length === 0) return false;
    const [row] = await this.read<{ candidate: boolean }>(IS_CANDIDATE_SQL, [workerId, organizations, this.clock.now()]);
    return row.candidate;
  }

  private async posting(shiftId: string) {
    const rows = isUuid(shiftId)
      ? (
          await this.pool.query<{
            retailer_id: string; role: string; site_lat: number; site_lng: number; starts_at: Date; ends_at: Date;
            hourly_rate: string; requires_green_code: boolean;
          }>(
            `SELECT retailer_id, role, site_lat, site_lng, starts_at, ends_at, hourly_rate, requires_green_code
             FROM search_postings WHERE shift_id = $1::uuid`,
            [shiftId],
          )
        ).rows
      : [];
    if (!rows[0]) throw new NotFound('Shift posting');
    return rows[0];
  }

  private async read<T>(sql: string, params: unknown[]): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }
}

type RawShift = {
  distanceKm: number;
  posting: Omit<ShiftPostingRow, 'startsAt' | 'endsAt' | 'createdAt'> & { startsAt: string; endsAt: string; createdAt: string };
};

function toFoundShift(raw: RawShift): FoundShift {
  const posting: ShiftPostingRow = Object.assign(new ShiftPostingRow(), raw.posting, {
    startsAt: new Date(raw.posting.startsAt),
    endsAt: new Date(raw.posting.endsAt),
    createdAt: new Date(raw.posting.createdAt),
  });
  return { posting, distanceKm: raw.distanceKm, cursor: encodeShiftCursor({ distanceKm: raw.distanceKm, id: posting.id }) };
}

type RawCandidate = {
  distanceKm: number;
  reliability: number;
  worker: Omit<FoundCandidate['worker'], 'enrolledAt'> & { enrolledAt: string };
  offer: Omit<FoundCandidate['offer'], 'availableFrom' | 'availableUntil'> & { availableFrom: string; availableUntil: string };
};

function toCandidate(raw: RawCandidate): FoundCandidate {
  const key: CandidateKey = { distanceKm: raw.distanceKm, reliability: raw.reliability, id: raw.worker.id };
  return {
    distanceKm: raw.distanceKm,
    reliability: raw.reliability,
    cursor: encodeCandidateCursor(key),
    worker: { ...raw.worker, enrolledAt: new Date(raw.worker.enrolledAt) },
    offer: { ...raw.offer, availableFrom: new Date(raw.offer.availableFrom), availableUntil: new Date(raw.offer.availableUntil) },
  };
}

function pageInfoOf(hasNextPage: boolean, endCursor: string | undefined): PageInfo {
  return { hasNextPage, endCursor: endCursor ?? null };
}
