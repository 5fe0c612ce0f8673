import fc from 'fast-check';
import { localDate } from '@blue-ocean/kernel';
import { startOfLocalDate } from '@blue-ocean/kernel';
import { businessDateOf, endOfBusinessDate, nextDate } from './business-date';

describe('business dates', () => {
  it("is the local date of the shift's start at the site", () => {
    // 01:00 on 5 March in Shanghai is still 4 March in UTC.
    expect(businessDateOf('2026-03-04T17:00:00.000Z', 'Asia/Shanghai')).toBe('2026-03-05');
    expect(businessDateOf('2026-03-04T17:00:00.000Z', 'UTC')).toBe('2026-03-04');
  });

  it('knows the next date across months and leap days', () => {
    expect(nextDate('2026-02-28')).toBe('2026-03-01');
    expect(nextDate('2028-02-28')).toBe('2028-02-29');
    expect(nextDate('2026-12-31')).toBe('2027-01-01');
  });

  it('ends at local midnight', () => {
    expect(endOfBusinessDate('2026-03-04', 'Asia/Shanghai').toISOString()).toBe('2026-03-04T16:00:00.000Z');
    expect(endOfBusinessDate('2026-03-04', 'UTC').toISOString()).toBe('2026-03-05T00:00:00.000Z');
    expect(endOfBusinessDate('2026-03-07', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    // The night the clocks go forward in New York (8 March 2026) is an hour short.
    expect(endOfBusinessDate('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('starts a date where midnight does not exist (a DST gap at midnight) at its first local instant', () => {
    // Santiago moves from 00:00 to 01:00 on 6 September 2026.
    const start = startOfLocalDate('2026-09-06', 'America/Santiago');
    expect(localDate(start, 'America/Santiago')).toBe('2026-09-06');
    expect(localDate(new Date(start.getTime() - 1000), 'America/Santiago')).toBe('2026-09-05');
  });

  it('property: the start of a date is its first instant, in any of a few time zones', () => {
    const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Adelaide', 'Asia/Kolkata', 'Pacific/Auckland'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        const date = localDate(new Date(ms), zone);
        const start = startOfLocalDate(date, zone);
        expect(localDate(start, zone)).toBe(date);
        expect(localDate(new Date(start.getTime() - 1000), zone) < date).toBe(true);
      }),
    );
  });
});
