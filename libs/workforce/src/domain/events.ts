import type { GeoPoint } from '@blue-ocean/kernel';
import type { HealthCode } from './health-code';
import type { JobRole } from './job-role';

/**
 * The worker's stream: enrolment, the claim, health facts and lending offers.
 * An offer belongs to one worker, so it lives here too; the stream stays short.
 * Every payload carries `workerId` (projections read it without the stream name) and `at`,
 * the instant it happened, as a UTC ISO string.
 */
export type WorkerEvent =
  | WorkerEnrolled
  | WorkerProfileClaimed
  | HealthDeclared
  | HealthAttested
  | ScreeningFailed
  | LendingOfferMade
  | LendingOfferWithdrawn;

export type WorkerEventType = WorkerEvent['type'];

export type WorkerEnrolled = {
  type: 'WorkerEnrolled';
  data: {
    workerId: string;
    employerId: string;
    fullName: string;
    phone: string;
    skills: JobRole[];
    homeLocation: GeoPoint;
    maxHoursPerWeek: number;
    /** IANA name; the worker's health declarations are dated in it. */
    employerTimeZone: string;
    /** sha256 of the claim code. The code itself is shown once, to the employer, and never stored. */
    claimCodeHash: string;
    at: string;
  };
};

export type WorkerProfileClaimed = {
  type: 'WorkerProfileClaimed';
  data: { workerId: string; userId: string; at: string };
};

export type HealthDeclared = {
  type: 'HealthDeclared';
  data: {
    workerId: string;
    /** The calendar date of `at` in the employer's time zone. */
    date: string;
    hasSymptoms: boolean;
    householdHasSymptoms: boolean;
    contactWithConfirmedCase: boolean;
    temperatureCelsius: number | null;
    clean: boolean;
    at: string;
  };
};

export type HealthAttested = {
  type: 'HealthAttested';
  data: {
    workerId: string;
    code: HealthCode;
    validUntil: string;
    /** The authority's reference, e.g. a certificate number. */
    reference: string;
    /** The platform admin who recorded it. */
    by: string;
    at: string;
  };
};

/** A check-in temperature at or above the fever line: RED until `redUntil` (14 days from `at`). */
export type ScreeningFailed = {
  type: 'ScreeningFailed';
  data: {
    workerId: string;
    temperatureCelsius: number;
    placementId: string | null;
    redUntil: string;
    at: string;
  };
};

export type LendingOfferMade = {
  type: 'LendingOfferMade';
  data: {
    workerId: string;
    offerId: string;
    availableFrom: string;
    availableUntil: string;
    roles: JobRole[];
    /** Exact decimal with two places, e.g. "25.00". */
    minHourlyRate: string;
    maxTravelKm: number;
    autoApprove: boolean;
    at: string;
  };
};

export type LendingOfferWithdrawn = {
  type: 'LendingOfferWithdrawn';
  data: { workerId: string; offerId: string; at: string };
};
