import { InvalidInput } from '@blue-ocean/kernel';
import { assertCurrency, formatMoney, parseDecimal, parseMoney, roundMoney } from './money';

/** Minutes of one placement paid at the regular rate; the rest is overtime. */
export const REGULAR_MINUTES = 480;
export const OVERTIME_MULTIPLIER = '1.5';

export interface WageInput {
  approvedMinutes: number;
  hourlyRate: string;
  /** PLATFORM_FEE_RATE, a fraction of grossPay: "0" (fees waived) or e.g. "0.05". */
  platformFeeRate: string;
  currency: string;
}

export interface WageBreakdown {
  regularMinutes: number;
  overtimeMinutes: number;
  regularPay: string;
  overtimePay: string;
  /** Owed by the retailer to the lender, which stays the employer and pays its worker. */
  grossPay: string;
  /** Charged to the retailer on top of grossPay; never to the worker. */
  platformFee: string;
  retailerTotal: string;
  currency: string;
}

/** Every amount is rounded half away from zero to 0.01 where it is made, then added exactly. */
export function calculateWage(input: WageInput): WageBreakdown {
  if (!Number.isInteger(input.approvedMinutes) || input.approvedMinutes < 0) {
    throw new InvalidInput('approvedMinutes', 'approvedMinutes must be a whole number of minutes, 0 or more.');
  }
  const rate = parseMoney(input.hourlyRate, 'hourlyRate');
  const feeRate = parseDecimal(input.platformFeeRate, 'platformFeeRate');
  if (rate.isNegative()) throw new InvalidInput('hourlyRate', 'hourlyRate must not be negative.');
  if (feeRate.isNegative()) throw new InvalidInput('platformFeeRate', 'platformFeeRate must not be negative.');
  assertCurrency(input.currency);

  const regularMinutes = Math.min(input.approvedMinutes, REGULAR_MINUTES);
  const overtimeMinutes = input.approvedMinutes - regularMinutes;
  const regularPay = roundMoney(rate.times(regularMinutes).dividedBy(60));
  const overtimePay = roundMoney(rate.times(OVERTIME_MULTIPLIER).times(overtimeMinutes).dividedBy(60));
  const grossPay = regularPay.plus(overtimePay);
  const platformFee = roundMoney(grossPay.times(feeRate));

  return {
    regularMinutes,
    overtimeMinutes,
    regularPay: formatMoney(regularPay),
    overtimePay: formatMoney(overtimePay),
    grossPay: formatMoney(grossPay),
    platformFee: formatMoney(platformFee),
    retailerTotal: formatMoney(grossPay.plus(platformFee)),
    currency: input.currency,
  };
}
