import { type Decider, DomainError, Forbidden, type GeoPoint, InvalidInput, localDate, NotFound } from '@blue-ocean/kernel';
import { hashClaimCode } from './claim-code';
import type {
  AttestHealth,
  ClaimProfile,
  DeclareHealth,
  EnrollWorker,
  OfferWorker,
  RecordScreening,
  WithdrawOffer,
  WorkerCommand,
} from './commands';
import type { WorkerEvent } from './events';
import {
  emptyHealthRecord,
  FEVER_CELSIUS,
  HEALTH_CODES,
  type HealthRecord,
  type HealthStatus,
  healthStatus,
  isClean,
  SCREENING_RED_DAYS,
} from './health-code';
import type { JobRole } from './job-role';
import type { LendingOffer } from './lending';
import { instant, location, money, phone, roles, temperature, text } from './validation';

export const DEFAULT_MAX_HOURS_PER_WEEK = 40;
export const MAX_HOURS_PER_WEEK = 60;
export const MAX_TRAVEL_KM = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

// ─── state ──────────────────────────────────────────────────────────────────

export interface EnrolledWorker {
  workerId: string;
  employerId: string;
  employerTimeZone: string;
  fullName: string;
  phone: string;
  skills: JobRole[];
  homeLocation: GeoPoint;
  maxHoursPerWeek: number;
  claimCodeHash: string;
  /** The user who claimed the profile, null until then. */
  claimedBy: string | null;
  health: HealthRecord;
  offers: LendingOffer[];
}

/** null until the worker is enrolled. */
export type WorkerState = EnrolledWorker | null;

// ─── the decider ────────────────────────────────────────────────────────────

export const worker: Decider<WorkerCommand, WorkerEvent, WorkerState> = {
  initialState: () => null,

  decide(command, state) {
    switch (command.type) {
      case 'EnrollWorker':
        return enroll(command, state);
      case 'ClaimProfile':
        return claim(command, enrolled(state));
      case 'DeclareHealth':
        return declareHealth(command, enrolled(state));
      case 'AttestHealth':
        return attestHealth(command, enrolled(state));
      case 'RecordScreening':
        return recordScreening(command, enrolled(state));
      case 'OfferWorker':
        return offer(command, enrolled(state));
      case 'WithdrawOffer':
        return withdraw(command, enrolled(state));
    }
  },

  evolve(state, event) {
    if (event.type === 'WorkerEnrolled') {
      const { at, ...profile } = event.data;
      return { ...profile, claimedBy: null, health: emptyHealthRecord(at), offers: [] };
    }
    if (!state) return state;
    const { health } = state;
    switch (event.type) {
      case 'WorkerProfileClaimed':
        return { ...state, claimedBy: event.data.userId };
      case 'HealthDeclared': {
        const { date, clean, at } = event.data;
        return { ...state, health: { ...health, declarations: [...health.declarations, { date, clean, at }] } };
      }
      case 'HealthAttested': {
        const { code, validUntil, at } = event.data;
        return { ...state, health: { ...health, attestations: [...health.attestations, { code, validUntil, at }] } };
      }
      case 'ScreeningFailed': {
        const { redUntil, at } = event.data;
        return { ...state, health: { ...health, screenings: [...health.screenings, { redUntil, at }] } };
      }
      case 'LendingOfferMade': {
        const { workerId: _, at, ...terms } = event.data;
        return { ...state, offers: [...state.offers, { ...terms, offeredAt: at, withdrawnAt: null }] };
      }
      case 'LendingOfferWithdrawn': {
        const { offerId, at } = event.data;
        const offers = state.offers.map((o) => (o.offerId === offerId ? { ...o, withdrawnAt: at } : o));
        return { ...state, offers };
      }
    }
  },
};

/** The worker's health code at `now`, dated in the employer's time zone. */
export function healthOf(state: EnrolledWorker, now: Date): HealthStatus {
  return healthStatus(state.health, now, state.employerTimeZone);
}

/** Offers not withdrawn whose window has not ended. */
export function activeOffers(state: EnrolledWorker, now: Date): LendingOffer[] {
  return state.offers.filter((o) => o.withdrawnAt === null && Date.parse(o.availableUntil) > now.getTime());
}

// ─── decisions ──────────────────────────────────────────────────────────────

function enrolled(state: WorkerState): EnrolledWorker {
  if (!state) throw new NotFound('Worker');
  return state;
}

function enroll(command: EnrollWorker, state: WorkerState): WorkerEvent[] {
  const maxHoursPerWeek = command.maxHoursPerWeek ?? DEFAULT_MAX_HOURS_PER_WEEK;
  if (!Number.isInteger(maxHoursPerWeek) || maxHoursPerWeek < 1 || maxHoursPerWeek > MAX_HOURS_PER_WEEK) {
    throw new InvalidInput('maxHoursPerWeek', `maxHoursPerWeek must be a whole number from 1 to ${MAX_HOURS_PER_WEEK}.`);
  }
  const data = {
    workerId: command.workerId,
    employerId: command.employerId,
    fullName: text(command.fullName, 'fullName', 200),
    phone: phone(command.phone),
    skills: roles(command.skills, 'skills'),
    homeLocation: location(command.homeLocation, 'homeLocation'),
    maxHoursPerWeek,
    employerTimeZone: command.employerTimeZone,
    claimCodeHash: command.claimCodeHash,
    at: instant(command.at, 'at'),
  };
  if (state) throw new DomainError('ALREADY_EXISTS', 'This worker is already enrolled.');
  return [{ type: 'WorkerEnrolled', data }];
}

/** A profile is claimed once; the same user claiming again changes nothing. */
function claim(command: ClaimProfile, state: EnrolledWorker): WorkerEvent[] {
  // Comparing hashes of a random one-time code: a timing difference would reveal nothing usable.
  if (hashClaimCode(command.claimCode) !== state.claimCodeHash) {
    throw new InvalidInput('claimCode', 'That claim code is not valid.');
  }
  if (state.claimedBy === command.actor) return [];
  if (state.claimedBy !== null) {
    throw new DomainError('INVALID_TRANSITION', 'This worker profile has already been claimed.');
  }
  return [{ type: 'WorkerProfileClaimed', data: { workerId: state.workerId, userId: command.actor, at: instant(command.at, 'at') } }];
}

function declareHealth(command: DeclareHealth, state: EnrolledWorker): WorkerEvent[] {
  if (state.claimedBy === null || state.claimedBy !== command.actor) {
    throw new Forbidden('Only the worker declares their own health.');
  }
  const at = instant(command.at, 'at');
  const answers = {
    hasSymptoms: command.hasSymptoms,
    householdHasSymptoms: command.householdHasSymptoms,
    contactWithConfirmedCase: command.contactWithConfirmedCase,
    temperatureCelsius:
      command.temperatureCelsius == null ? null : temperature(command.temperatureCelsius, 'temperatureCelsius'),
  };
  const date = localDate(new Date(at), state.employerTimeZone);
  return [{ type: 'HealthDeclared', data: { workerId: state.workerId, date, ...answers, clean: isClean(answers), at } }];
}

function attestHealth(command: AttestHealth, state: EnrolledWorker): WorkerEvent[] {
  if (!HEALTH_CODES.includes(command.code)) throw new InvalidInput('code', 'code must be GREEN, AMBER or RED.');
  const at = instant(command.at, 'at');
  const validUntil = instant(command.validUntil, 'validUntil');
  if (Date.parse(validUntil) <= Date.parse(at)) throw new InvalidInput('validUntil', 'validUntil must be in the future.');
  const reference = text(command.reference, 'reference', 200);
  return [
    {
      type: 'HealthAttested',
      data: { workerId: state.workerId, code: command.code, validUntil, reference, by: command.actor, at },
    },
  ];
}

function recordScreening(command: RecordScreening, state: EnrolledWorker): WorkerEvent[] {
  const temperatureCelsius = temperature(command.temperatureCelsius, 'temperatureCelsius');
  if (temperatureCelsius < FEVER_CELSIUS) return [];
  const at = instant(command.at, 'at');
  const redUntil = new Date(Date.parse(at) + SCREENING_RED_DAYS * DAY_MS).toISOString();
  return [
    {
      type: 'ScreeningFailed',
      data: { workerId: state.workerId, temperatureCelsius, placementId: command.placementId ?? null, redUntil, at },
    },
  ];
}

function offer(command: OfferWorker, state: EnrolledWorker): WorkerEvent[] {
  const at = instant(command.at, 'at');
  const availableFrom = instant(command.availableFrom, 'availableFrom');
  const availableUntil = instant(command.availableUntil, 'availableUntil');
  if (Date.parse(availableUntil) <= Date.parse(availableFrom)) {
    throw new InvalidInput('availableUntil', 'availableUntil must be after availableFrom.');
  }
  if (Date.parse(availableUntil) <= Date.parse(at)) {
    throw new InvalidInput('availableUntil', 'availableUntil must be in the future.');
  }
  const offeredRoles = roles(command.roles, 'roles');
  const minHourlyRate = money(command.minHourlyRate, 'minHourlyRate');
  const { maxTravelKm } = command;
  if (!Number.isFinite(maxTravelKm) || maxTravelKm <= 0 || maxTravelKm > MAX_TRAVEL_KM) {
    throw new InvalidInput('maxTravelKm', `maxTravelKm must be more than 0 and at most ${MAX_TRAVEL_KM}.`);
  }
  if (state.offers.some((o) => o.offerId === command.offerId)) {
    throw new DomainError('ALREADY_EXISTS', 'This lending offer already exists.');
  }
  if (!command.lenderVerified) {
    throw new DomainError('INVALID_TRANSITION', 'The employer must be verified before it lends workers.');
  }
  return [
    {
      type: 'LendingOfferMade',
      data: {
        workerId: state.workerId,
        offerId: command.offerId,
        availableFrom,
        availableUntil,
        roles: offeredRoles,
        minHourlyRate,
        maxTravelKm,
        autoApprove: command.autoApprove,
        at,
      },
    },
  ];
}

function withdraw(command: WithdrawOffer, state: EnrolledWorker): WorkerEvent[] {
  const existing = state.offers.find((o) => o.offerId === command.offerId);
  if (!existing) throw new NotFound('Lending offer');
  if (existing.withdrawnAt !== null) {
    throw new DomainError('INVALID_TRANSITION', 'This lending offer has already been withdrawn.');
  }
  return [{ type: 'LendingOfferWithdrawn', data: { workerId: state.workerId, offerId: command.offerId, at: instant(command.at, 'at') } }];
}
