import type { HealthStatus } from '../domain/health-code';
import type { LendingOfferRow, WorkerRow } from '../projections/worker.entities';
import type { LendingOfferType } from './lending-offer.types';
import type { HealthCode, HealthSource, HealthStatusType, JobRole, WorkerType } from './worker.types';

export function toWorker(row: WorkerRow): WorkerType {
  return {
    id: row.id,
    fullName: row.fullName,
    skills: row.skills as JobRole[],
    homeLocation: { lat: row.homeLat, lng: row.homeLng },
    maxHoursPerWeek: row.maxHoursPerWeek,
    employerId: row.employerId,
    employerTimeZone: row.employerTimeZone,
    createdAt: row.createdAt,
  };
}

export function toHealthStatus(status: HealthStatus): HealthStatusType {
  return {
    code: status.code as HealthCode,
    cleanDaysInRow: status.cleanDaysInRow,
    validUntil: status.validUntil === null ? null : new Date(status.validUntil),
    source: status.source as HealthSource,
    updatedAt: new Date(status.updatedAt),
  };
}

export function toLendingOffer(row: LendingOfferRow): LendingOfferType {
  return {
    id: row.id,
    availableFrom: row.availableFrom,
    availableUntil: row.availableUntil,
    roles: row.roles as JobRole[],
    minHourlyRate: row.minHourlyRate,
    maxTravelKm: row.maxTravelKm,
    autoApprove: row.autoApprove,
    workerId: row.workerId,
    withdrawnAt: row.withdrawnAt,
  };
}
