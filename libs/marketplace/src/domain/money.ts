import { Decimal } from 'decimal.js';

/** An amount as an exact decimal string ("30.25"); arithmetic happens in Decimal, never in floats. */
export type Money = string;

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** "30", "30.25", "-1.5" — but not "1e3", " 3", "0x10" or "". */
export function isPlainDecimal(text: string): boolean {
  return PLAIN_DECIMAL.test(text);
}

/** Whole cents at most: "30.25" and "30.250" pass, "35.555" does not. */
export function hasAtMostCents(amount: Decimal.Value): boolean {
  return new Decimal(amount).decimalPlaces() <= 2;
}

/**
 * Rounds half away from zero to 0.01 (API rule for every amount made). decimal.js ROUND_HALF_UP
 * sends ties away from zero for both signs: 1.005 → "1.01", -1.005 → "-1.01".
 */
export function toMoney(amount: Decimal.Value): Money {
  return new Decimal(amount).toFixed(2, Decimal.ROUND_HALF_UP);
}

/** The amount owed for a number of hours at an hourly rate. */
export function hoursAt(hourlyRate: Money, hours: number): Money {
  return toMoney(new Decimal(hourlyRate).times(hours));
}
