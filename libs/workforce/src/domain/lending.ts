import { Decimal } from 'decimal.js';
import type { JobRole } from './job-role';

/** What a lending offer promises: when, for which roles, from what rate, how far from home. */
export interface OfferTerms {
  availableFrom: string;
  availableUntil: string;
  roles: readonly string[];
  minHourlyRate: string;
  maxTravelKm: number;
}

/** A lending offer as the worker's stream knows it. */
export interface LendingOffer extends OfferTerms {
  offerId: string;
  roles: JobRole[];
  autoApprove: boolean;
  offeredAt: string;
  withdrawnAt: string | null;
}

/** The part of a shift posting an offer is measured against. */
export interface ShiftToCover {
  role: string;
  startsAt: string;
  endsAt: string;
  hourlyRate: string;
}

export type Refusal = 'NOT_LENT' | 'TOO_FAR' | 'RATE_TOO_LOW';
export type Coverage = 'COVERS' | Refusal;

/**
 * Whether one offer covers the shift. TOO_FAR and RATE_TOO_LOW are reported only when that is
 * the one thing wrong; anything else (including both at once) is NOT_LENT.
 */
export function coverage(offer: OfferTerms, shift: ShiftToCover, distanceKm: number): Coverage {
  const inWindow =
    Date.parse(offer.availableFrom) <= Date.parse(shift.startsAt) &&
    Date.parse(shift.endsAt) <= Date.parse(offer.availableUntil);
  if (!inWindow || !offer.roles.includes(shift.role)) return 'NOT_LENT';

  const rateHighEnough = new Decimal(offer.minHourlyRate).lessThanOrEqualTo(shift.hourlyRate);
  const nearEnough = distanceKm <= offer.maxTravelKm;
  if (rateHighEnough && nearEnough) return 'COVERS';
  if (nearEnough) return 'RATE_TOO_LOW';
  if (rateHighEnough) return 'TOO_FAR';
  return 'NOT_LENT';
}

export type BestCoverage<O> = { coverage: 'COVERS'; offer: O } | { coverage: Refusal; offer: null };

/**
 * Across the worker's (active) offers: the first that covers the shift, else the most specific
 * refusal. RATE_TOO_LOW comes before TOO_FAR because the retailer can act on it: a higher rate
 * makes that offer cover, while no rate brings the site closer.
 */
export function bestCoverage<O extends OfferTerms>(
  offers: readonly O[],
  shift: ShiftToCover,
  distanceKm: number,
): BestCoverage<O> {
  const verdicts = offers.map((offer) => ({ offer, verdict: coverage(offer, shift, distanceKm) }));
  const covering = verdicts.find(({ verdict }) => verdict === 'COVERS');
  if (covering) return { coverage: 'COVERS', offer: covering.offer };

  const refusals = verdicts.map(({ verdict }) => verdict);
  const refusal = (['RATE_TOO_LOW', 'TOO_FAR'] as const).find((specific) => refusals.includes(specific)) ?? 'NOT_LENT';
  return { coverage: refusal, offer: null };
}
