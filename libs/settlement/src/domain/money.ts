import DecimalJs from 'decimal.js';
import { InvalidInput } from '@blue-ocean/kernel';

/**
 * Money is exact decimal, never a float. Amounts travel as strings with exactly two decimals
 * ("123.40"); arithmetic happens on `Decimal`.
 *
 * A clone of decimal.js of our own, so no other code that configures decimal.js can change how
 * money is computed. 40 significant digits hold any amount this marketplace will see.
 */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = DecimalJs;

export const ZERO_MONEY = '0.00';

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
const MONEY_TEXT = /^-?\d+(\.\d{1,2})?$/;
const CURRENCY_CODE = /^[A-Z]{3}$/;

/** Any exact decimal written plainly ("0.065", "-3"); no exponents, spaces or NaN. */
export function parseDecimal(text: string, field: string): Decimal {
  if (!DECIMAL_TEXT.test(text)) throw new InvalidInput(field, `${field} must be a decimal number such as "12.50".`);
  return new Decimal(text);
}

/** An amount of money: a plain decimal with at most two decimals ("30", "30.5", "30.50"). */
export function parseMoney(text: string, field: string): Decimal {
  if (!MONEY_TEXT.test(text)) throw new InvalidInput(field, `${field} must be an amount with at most two decimals, such as "12.50".`);
  return new Decimal(text);
}

/** Rounds half away from zero to 0.01: 0.005 → 0.01, -0.005 → -0.01. */
export function roundMoney(value: Decimal | string): Decimal {
  return new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** "123.40": rounded half away from zero, exactly two decimals, never "-0.00". */
export function formatMoney(value: Decimal | string): string {
  const rounded = roundMoney(value);
  return (rounded.isZero() ? new Decimal(0) : rounded).toFixed(2);
}

export function sumMoney(amounts: readonly string[]): string {
  return formatMoney(amounts.reduce((sum, amount) => sum.plus(amount), new Decimal(0)));
}

export function negateMoney(amount: string): string {
  return formatMoney(new Decimal(amount).negated());
}

/** An ISO-4217 code such as "CNY". */
export function assertCurrency(code: string, field = 'currency'): void {
  if (!CURRENCY_CODE.test(code)) throw new InvalidInput(field, `${field} must be an ISO-4217 code such as "CNY".`);
}
