import { isoWeek } from './iso-week';

describe('isoWeek', () => {
  it.each([
    ['2026-03-02T00:00:00+08:00', '2026-W10'], // a Monday
    ['2026-03-08T23:59:00+08:00', '2026-W10'], // the Sunday after
    ['2026-03-01T23:59:00+08:00', '2026-W09'],
    ['2025-12-29T12:00:00+08:00', '2026-W01'], // Monday of the week holding 2026's first Thursday
    ['2027-01-01T12:00:00+08:00', '2026-W53'], // a Friday whose Thursday is in 2026
    ['2021-01-03T12:00:00+08:00', '2020-W53'],
    ['2024-12-31T12:00:00+08:00', '2025-W01'],
  ])('%s is in %s in Shanghai', (instant, week) => {
    expect(isoWeek(new Date(instant), 'Asia/Shanghai')).toBe(week);
  });

  it('reads the calendar date in the given time zone', () => {
    const mondayHalfPastMidnightInShanghai = new Date('2026-03-09T00:30:00+08:00'); // Sunday 16:30 UTC
    expect(isoWeek(mondayHalfPastMidnightInShanghai, 'Asia/Shanghai')).toBe('2026-W11');
    expect(isoWeek(mondayHalfPastMidnightInShanghai, 'UTC')).toBe('2026-W10');
  });
});
