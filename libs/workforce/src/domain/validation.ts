import { InvalidInput, type GeoPoint } from '@blue-ocean/kernel';
import { Decimal } from 'decimal.js';
import { isJobRole, type JobRole } from './job-role';

/** Input checks for the worker's commands; each refusal names the GraphQL input field. */

/** A parseable instant, returned as a UTC ISO string. */
export function instant(value: string, field: string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new InvalidInput(field, `${field} must be an ISO-8601 instant.`);
  return new Date(ms).toISOString();
}

export function text(value: string, field: string, maxLength: number): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed.length === 0) throw new InvalidInput(field, `${field} must not be empty.`);
  if (trimmed.length > maxLength) throw new InvalidInput(field, `${field} must be at most ${maxLength} characters.`);
  return trimmed;
}

/** Digits with an optional leading +, spaces, dashes and brackets; 5 to 20 digits. */
export function phone(value: string): string {
  const trimmed = text(value, 'phone', 32);
  const digits = trimmed.replace(/\D/g, '').length;
  if (!/^\+?[\d\s()-]+$/.test(trimmed) || digits < 5 || digits > 20) {
    throw new InvalidInput('phone', 'phone must be a telephone number.');
  }
  return trimmed;
}

/** A non-empty list of job roles, duplicates dropped. */
export function roles(values: readonly string[], field: string): JobRole[] {
  if (!Array.isArray(values) || values.length === 0) throw new InvalidInput(field, `${field} must name at least one role.`);
  const unknown = values.find((value) => !isJobRole(value));
  if (unknown !== undefined) throw new InvalidInput(field, `${String(unknown)} is not a job role.`);
  return [...new Set(values as JobRole[])];
}

export function location(point: GeoPoint, field: string): GeoPoint {
  const { lat, lng } = point ?? {};
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new InvalidInput(field, 'lat must be between -90 and 90.');
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw new InvalidInput(field, 'lng must be between -180 and 180.');
  return { lat, lng };
}

/** Body temperatures outside this range are typing mistakes, not readings. */
const PLAUSIBLE_CELSIUS = { min: 30, max: 45 };

export function temperature(value: number, field: string): number {
  if (!Number.isFinite(value) || value < PLAUSIBLE_CELSIUS.min || value > PLAUSIBLE_CELSIUS.max) {
    throw new InvalidInput(field, `${field} must be between ${PLAUSIBLE_CELSIUS.min} and ${PLAUSIBLE_CELSIUS.max}.`);
  }
  return value;
}

/** A non-negative amount with at most two decimals, returned with exactly two ("25" → "25.00"). */
export function money(value: string, field: string): string {
  if (typeof value !== 'string' || !/^\d+(\.\d{1,2})?$/.test(value.trim())) {
    throw new InvalidInput(field, `${field} must be a non-negative amount with at most two decimals.`);
  }
  return new Decimal(value.trim()).toFixed(2);
}
