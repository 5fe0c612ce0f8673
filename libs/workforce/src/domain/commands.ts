import type { GeoPoint } from '@blue-ocean/kernel';
import type { HealthCode } from './health-code';

/**
 * What may be asked of a worker. Each command carries the worker, the instant (`at`, from the
 * clock) and the user who asked (`actor`), so deciding stays pure.
 */
interface WorkerCommandBase<Type extends string> {
  type: Type;
  workerId: string;
  at: string;
  actor: string;
}

export interface EnrollWorker extends WorkerCommandBase<'EnrollWorker'> {
  employerId: string;
  employerTimeZone: string;
  fullName: string;
  phone: string;
  skills: string[];
  homeLocation: GeoPoint;
  maxHoursPerWeek?: number | null;
  /** The handler generates the code, hands it out once and passes only its hash here. */
  claimCodeHash: string;
}

/** `actor` is the user who claims the profile. */
export interface ClaimProfile extends WorkerCommandBase<'ClaimProfile'> {
  claimCode: string;
}

export interface DeclareHealth extends WorkerCommandBase<'DeclareHealth'> {
  hasSymptoms: boolean;
  householdHasSymptoms: boolean;
  contactWithConfirmedCase: boolean;
  temperatureCelsius?: number | null;
}

export interface AttestHealth extends WorkerCommandBase<'AttestHealth'> {
  code: HealthCode;
  validUntil: string;
  reference: string;
}

/** Sent on every check-in; only a fever is recorded in the worker's stream. */
export interface RecordScreening extends WorkerCommandBase<'RecordScreening'> {
  temperatureCelsius: number;
  placementId?: string | null;
}

export interface OfferWorker extends WorkerCommandBase<'OfferWorker'> {
  offerId: string;
  availableFrom: string;
  availableUntil: string;
  roles: string[];
  minHourlyRate: string;
  maxTravelKm: number;
  autoApprove: boolean;
  /** Whether the employer is VERIFIED; the handler looks it up. */
  lenderVerified: boolean;
}

export interface WithdrawOffer extends WorkerCommandBase<'WithdrawOffer'> {
  offerId: string;
}

export type WorkerCommand =
  | EnrollWorker
  | ClaimProfile
  | DeclareHealth
  | AttestHealth
  | RecordScreening
  | OfferWorker
  | WithdrawOffer;
