import fc from 'fast-check';
import { calculateWage } from './wage';

const TWO_DECIMALS = /^\d+\.\d{2}$/;

/** Cents as money text: 12345n → "123.45". */
const money = (cents: bigint) => `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
/** numerator ÷ denominator rounded half away from zero, for non-negative integers. */
const roundHalfUp = (numerator: bigint, denominator: bigint) => (2n * numerator + denominator) / (2n * denominator);
const cents = (text: string) => BigInt(text.replace('.', ''));

function refusal(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('calculateWage', () => {
  it('pays the first 480 minutes at the rate and the rest at 1.5 times', () => {
    expect(calculateWage({ approvedMinutes: 540, hourlyRate: '30.00', platformFeeRate: '0', currency: 'CNY' })).toEqual({
      regularMinutes: 480,
      overtimeMinutes: 60,
      regularPay: '240.00',
      overtimePay: '45.00',
      grossPay: '285.00',
      platformFee: '0.00',
      retailerTotal: '285.00',
      currency: 'CNY',
    });
  });

  it('charges the platform fee to the retailer on top of grossPay', () => {
    const wage = calculateWage({ approvedMinutes: 540, hourlyRate: '30', platformFeeRate: '0.05', currency: 'CNY' });
    expect([wage.grossPay, wage.platformFee, wage.retailerTotal]).toEqual(['285.00', '14.25', '299.25']);
  });

  it('pays nothing for no minutes', () => {
    const wage = calculateWage({ approvedMinutes: 0, hourlyRate: '25.00', platformFeeRate: '0.05', currency: 'CNY' });
    expect([wage.regularMinutes, wage.overtimeMinutes, wage.grossPay, wage.retailerTotal]).toEqual([0, 0, '0.00', '0.00']);
  });

  it('rounds half a cent up where each amount is made', () => {
    // 1 minute at 0.30 is 0.005; at 0.29 it is 0.00483…
    expect(calculateWage({ approvedMinutes: 1, hourlyRate: '0.30', platformFeeRate: '0', currency: 'CNY' }).regularPay).toBe('0.01');
    expect(calculateWage({ approvedMinutes: 1, hourlyRate: '0.29', platformFeeRate: '0', currency: 'CNY' }).regularPay).toBe('0.00');
    // One overtime minute at 0.20 is 0.20 × 1.5 ÷ 60 = 0.005.
    const overtime = calculateWage({ approvedMinutes: 481, hourlyRate: '0.20', platformFeeRate: '0', currency: 'CNY' });
    expect([overtime.regularPay, overtime.overtimePay, overtime.grossPay]).toEqual(['1.60', '0.01', '1.61']);
    // A fee of 0.10 × 0.05 = 0.005.
    const fee = calculateWage({ approvedMinutes: 10, hourlyRate: '0.60', platformFeeRate: '0.05', currency: 'CNY' });
    expect([fee.grossPay, fee.platformFee, fee.retailerTotal]).toEqual(['0.10', '0.01', '0.11']);
  });

  it.each([
    [{ approvedMinutes: -1 }, 'approvedMinutes'],
    [{ approvedMinutes: 1.5 }, 'approvedMinutes'],
    [{ hourlyRate: '30.001' }, 'hourlyRate'],
    [{ hourlyRate: '-1.00' }, 'hourlyRate'],
    [{ hourlyRate: 'thirty' }, 'hourlyRate'],
    [{ platformFeeRate: '-0.01' }, 'platformFeeRate'],
    [{ currency: 'cny' }, 'currency'],
  ])('refuses %j', (change, field) => {
    const input = { approvedMinutes: 60, hourlyRate: '30.00', platformFeeRate: '0', currency: 'CNY', ...change };
    expect(refusal(() => calculateWage(input))).toMatchObject({ name: 'InvalidInput', field });
  });

  describe('for any minutes 0..2000, rate 0.00..999.99 and fee rate 0..100%', () => {
    const anyWage = fc.record({
      approvedMinutes: fc.integer({ min: 0, max: 2000 }),
      rateCents: fc.integer({ min: 0, max: 99_999 }),
      feeBasisPoints: fc.integer({ min: 0, max: 10_000 }),
    });
    const wageOf = ({ approvedMinutes, rateCents, feeBasisPoints }: { approvedMinutes: number; rateCents: number; feeBasisPoints: number }) =>
      calculateWage({
        approvedMinutes,
        hourlyRate: money(BigInt(rateCents)),
        platformFeeRate: (feeBasisPoints / 10_000).toFixed(4),
        currency: 'CNY',
      });

    it('regularPay + overtimePay = grossPay and grossPay + platformFee = retailerTotal, exactly', () => {
      fc.assert(
        fc.property(anyWage, (input) => {
          const wage = wageOf(input);
          expect(cents(wage.regularPay) + cents(wage.overtimePay)).toBe(cents(wage.grossPay));
          expect(cents(wage.grossPay) + cents(wage.platformFee)).toBe(cents(wage.retailerTotal));
          expect(wage.regularMinutes + wage.overtimeMinutes).toBe(input.approvedMinutes);
          expect(wage.regularMinutes).toBeLessThanOrEqual(480);
        }),
      );
    });

    it('every amount is the exact value rounded half away from zero to two decimals', () => {
      fc.assert(
        fc.property(anyWage, (input) => {
          const wage = wageOf(input);
          const rate = BigInt(input.rateCents);
          const regular = roundHalfUp(rate * BigInt(wage.regularMinutes), 60n);
          const overtime = roundHalfUp(rate * 3n * BigInt(wage.overtimeMinutes), 120n);
          const fee = roundHalfUp((regular + overtime) * BigInt(input.feeBasisPoints), 10_000n);
          for (const amount of [wage.regularPay, wage.overtimePay, wage.grossPay, wage.platformFee, wage.retailerTotal]) {
            expect(amount).toMatch(TWO_DECIMALS);
          }
          expect(wage.regularPay).toBe(money(regular));
          expect(wage.overtimePay).toBe(money(overtime));
          expect(wage.platformFee).toBe(money(fee));
        }),
      );
    });
  });
});
