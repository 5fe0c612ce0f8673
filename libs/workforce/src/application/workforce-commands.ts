import type { Caller } from '@blue-ocean/api';
import type { GeoPoint } from '@blue-ocean/kernel';
import type { HealthCode } from '../domain/health-code';

export class EnrollWorker {
  constructor(
    readonly caller: Caller,
    readonly input: {
      employerId: string;
      fullName: string;
      phone: string;
      skills: string[];
      homeLocation: GeoPoint;
      maxHoursPerWeek?: number | null;
    },
  ) {}
}

/** What enrolling answers: the new worker and the code the employer hands to them (shown once). */
export interface Enrolment {
  workerId: string;
  claimCode: string;
}

export class ClaimWorkerProfile {
  constructor(
    readonly caller: Caller,
    readonly claimCode: string,
  ) {}
}

export class DeclareHealth {
  constructor(
    readonly caller: Caller,
    readonly input: {
      temperatureCelsius?: number | null;
      hasSymptoms: boolean;
      householdHasSymptoms: boolean;
      contactWithConfirmedCase: boolean;
    },
  ) {}
}

export class AttestHealth {
  constructor(
    readonly caller: Caller,
    readonly input: { workerId: string; code: HealthCode; validUntil: Date; reference: string },
  ) {}
}

export class OfferWorker {
  constructor(
    readonly caller: Caller,
    readonly input: {
      workerId: string;
      availableFrom: Date;
      availableUntil: Date;
      roles: string[];
      minHourlyRate: string;
      maxTravelKm: number;
      autoApprove: boolean;
    },
  ) {}
}

export class WithdrawLendingOffer {
  constructor(
    readonly caller: Caller,
    readonly offerId: string,
  ) {}
}
