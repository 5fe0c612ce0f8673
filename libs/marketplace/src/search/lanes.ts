import { JOB_ROLES, type JobRole } from '@blue-ocean/kernel';

/**
 * Lanes partition the search indexes (see 0007_search.sql, `search_point`): every point is moved
 * `lane` × 10^8 m along x, so one GiST index keeps one R-tree region per lane and a search walks
 * only the lanes it asks for.
 *
 * - Postings: one lane per role. openShifts asks one lane per (offer, role) of the worker.
 * - Offers: one lane per role and travel bucket. Each offer has its own radius (maxTravelKm);
 *   availableWorkers asks, for the posting's role, every bucket with a box as wide as the
 *   bucket's largest radius. A few offers with a 500 km radius then cost nothing to searches
 *   of 10 km offers, and a box is never more than twice as wide as the offers in it need.
 *
 * Lanes are stored in the rows: changing JOB_ROLES or the buckets needs a rebuild of the read models.
 */
export const TRAVEL_BUCKETS_KM: readonly number[] = [2.5, 5, 10, 20, 40, 80, 160, Number.POSITIVE_INFINITY];

/** Farther than any two points on Earth: gc_to_sec caps the box at the whole sphere. */
const WHOLE_EARTH_KM = 20_100;

export function roleIndex(role: string): number {
  const index = (JOB_ROLES as readonly string[]).indexOf(role);
  if (index < 0) throw new Error(`Unknown job role ${role}`);
  return index;
}

export function travelBucket(maxTravelKm: number): number {
  const bucket = TRAVEL_BUCKETS_KM.findIndex((limit) => maxTravelKm <= limit);
  return bucket < 0 ? TRAVEL_BUCKETS_KM.length - 1 : bucket;
}

export function postingLane(role: string): number {
  return roleIndex(role);
}

export function offerLane(role: string, maxTravelKm: number): number {
  return roleIndex(role) * TRAVEL_BUCKETS_KM.length + travelBucket(maxTravelKm);
}

/** The lanes availableWorkers searches for a role, each with the radius its box must cover. */
export function offerLanesFor(role: JobRole | string): { lanes: number[]; radiiKm: number[] } {
  const first = roleIndex(role) * TRAVEL_BUCKETS_KM.length;
  return {
    lanes: TRAVEL_BUCKETS_KM.map((_, bucket) => first + bucket),
    radiiKm: TRAVEL_BUCKETS_KM.map((limit) => (Number.isFinite(limit) ? limit : WHOLE_EARTH_KM)),
  };
}
