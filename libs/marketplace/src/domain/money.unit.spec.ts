import { hasAtMostCents, hoursAt, isPlainDecimal, toMoney } from './money';

describe('money', () => {
  it('rounds half away from zero to cents, for both signs', () => {
    expect(toMoney('1.005')).toBe('1.01');
    expect(toMoney('-1.005')).toBe('-1.01');
    expect(toMoney('1.004')).toBe('1.00');
    expect(toMoney('2.5')).toBe('2.50');
    expect(toMoney('0')).toBe('0.00');
  });

  it('keeps exact decimals that floats would lose', () => {
    expect(hoursAt('0.1', 3)).toBe('0.30'); // 0.1 * 3 is 0.30000000000000004 in floats
    expect(hoursAt('30.25', 2)).toBe('60.50');
    expect(hoursAt('33.33', 1.5)).toBe('50.00'); // 49.995 rounds up
  });

  it('tells plain decimals with at most cents', () => {
    expect(['30', '30.25', '30.250', '-1.5'].every(isPlainDecimal)).toBe(true);
    expect(['1e3', '', ' 3', '0x10', '3.', '.5', 'abc'].some(isPlainDecimal)).toBe(false);
    expect(hasAtMostCents('30.250')).toBe(true);
    expect(hasAtMostCents('35.555')).toBe(false);
  });
});
