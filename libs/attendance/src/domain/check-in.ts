import { ConflictReason, distanceMeters, DomainError, GeoPoint, InvalidInput } from '@blue-ocean/kernel';

import type { HealthCode } from '@blue-ocean/kernel';
export type { HealthCode };

export const CHECK_IN_OPENS_MINUTES_BEFORE_START = 30;
/** 37.3 °C or more is a fever. */
export const FEVER_CELSIUS = 37.3;

export interface CheckInAttempt {
  at: Date;
  location: GeoPoint;
  temperatureCelsius: number;
  healthCode: HealthCode;
  shift: { startsAt: Date; endsAt: Date; requiresGreenCode: boolean };
  site: { location: GeoPoint; checkInRadiusMeters: number };
}

/** From 30 minutes before the start until the end (the end itself is too late: nothing is left to work). */
export function isWithinCheckInWindow(at: Date, shift: { startsAt: Date; endsAt: Date }): boolean {
  const opens = shift.startsAt.getTime() - CHECK_IN_OPENS_MINUTES_BEFORE_START * 60_000;
  return opens <= at.getTime() && at.getTime() < shift.endsAt.getTime();
}

/** Great-circle distance to the site, the radius itself included. */
export function isWithinGeofence(location: GeoPoint, site: { location: GeoPoint; checkInRadiusMeters: number }): boolean {
  return distanceMeters(location, site.location) <= site.checkInRadiusMeters;
}

export function hasFever(temperatureCelsius: number): boolean {
  return temperatureCelsius >= FEVER_CELSIUS;
}

/**
 * The first rule the check-in breaks, in the order API-RULES lists them, or null when it may
 * go ahead. A FEVER refusal still records the screening, so the caller needs the reason itself.
 */
export function checkInRefusal(attempt: CheckInAttempt): ConflictReason | null {
  // A reading outside this range is a broken thermometer or a typo, not a body temperature.
  if (!(attempt.temperatureCelsius >= 30 && attempt.temperatureCelsius <= 45)) {
    throw new InvalidInput('temperatureCelsius', 'temperatureCelsius must be between 30 and 45.');
  }
  if (!isWithinCheckInWindow(attempt.at, attempt.shift)) return 'CHECK_IN_WINDOW';
  if (!isWithinGeofence(attempt.location, attempt.site)) return 'OUTSIDE_GEOFENCE';
  if (hasFever(attempt.temperatureCelsius)) return 'FEVER';
  if (attempt.shift.requiresGreenCode && attempt.healthCode !== 'GREEN') return 'HEALTH_CODE_NOT_GREEN';
  return null;
}

export function assertCanCheckIn(attempt: CheckInAttempt): void {
  const reason = checkInRefusal(attempt);
  if (reason) throw new DomainError(reason, REFUSALS[reason] ?? reason);
}

const REFUSALS: Partial<Record<ConflictReason, string>> = {
  CHECK_IN_WINDOW: 'Check-in opens 30 minutes before the shift starts and closes when it ends.',
  OUTSIDE_GEOFENCE: 'You are too far from the site to check in.',
  FEVER: `A temperature of ${FEVER_CELSIUS} °C or more is a fever; please go home and rest.`,
  HEALTH_CODE_NOT_GREEN: 'This shift needs a green health code.',
};

/**
 * Share of confirmed placements attended: attended ÷ (attended + no-shows + late cancellations
 * by the worker or the lender); 1.0 for a worker with no history yet.
 */
export function reliability(attended: number, noShows: number, lateCancellations: number): number {
  const total = attended + noShows + lateCancellations;
  return total === 0 ? 1 : attended / total;
}
