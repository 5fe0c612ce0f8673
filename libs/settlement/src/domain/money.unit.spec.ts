import fc from 'fast-check';
import { InvalidInput } from '@blue-ocean/kernel';
import { formatMoney, negateMoney, parseDecimal, parseMoney, roundMoney, sumMoney } from './money';

describe('money', () => {
  it.each([
    ['0.005', '0.01'],
    ['-0.005', '-0.01'],
    ['0.004', '0.00'],
    ['-0.004', '0.00'],
    ['0.0049999', '0.00'],
    ['1.005', '1.01'],
    ['2.675', '2.68'],
    ['-2.675', '-2.68'],
    ['0.015', '0.02'],
    ['-0.015', '-0.02'],
    ['123.4', '123.40'],
    ['7', '7.00'],
  ])('rounds %s half away from zero to %s', (value, rounded) => {
    expect(formatMoney(roundMoney(value))).toBe(rounded);
  });

  it('rounds any amount in thousandths half away from zero, negative ones too', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -1_000_000_000_000n, max: 1_000_000_000_000n }), (thousandths) => {
        const size = thousandths < 0n ? -thousandths : thousandths;
        const cents = (size + 5n) / 10n;
        const sign = thousandths < 0n && cents > 0n ? '-' : '';
        const expected = `${sign}${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
        const text = `${thousandths < 0n ? '-' : ''}${size / 1000n}.${(size % 1000n).toString().padStart(3, '0')}`;
        expect(formatMoney(text)).toBe(expected);
      }),
    );
  });

  it('writes zero without a sign', () => {
    expect(formatMoney('-0')).toBe('0.00');
    expect(negateMoney('0.00')).toBe('0.00');
  });

  it('adds exactly where floats would not', () => {
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
    expect(sumMoney([])).toBe('0.00');
    expect(sumMoney(['1.10', '-0.10', '2.05'])).toBe('3.05');
  });

  it.each(['30', '30.5', '30.50', '-1.25', '0'])('reads %s as money', (text) => {
    expect(parseMoney(text, 'hourlyRate').toFixed(2)).toBe(Number(text).toFixed(2));
  });

  it.each(['1.234', '1e3', ' 1', '1 ', 'NaN', 'Infinity', '', '1.', '.5', '0x10', '1,5'])('refuses %j as money, naming the field', (text) => {
    expect(() => parseMoney(text, 'hourlyRate')).toThrow(InvalidInput);
    try {
      parseMoney(text, 'hourlyRate');
    } catch (error) {
      expect((error as InvalidInput).field).toBe('hourlyRate');
    }
  });

  it('reads rates with more decimals than money has', () => {
    expect(parseDecimal('0.065', 'platformFeeRate').toString()).toBe('0.065');
    expect(() => parseDecimal('6.5%', 'platformFeeRate')).toThrow(InvalidInput);
  });
});
