import { given } from '../../../../test/support/given';
import { BookWorker, paidMinutes, workerSchedule } from './worker-schedule.decider';
import { POSTED_AT, SHANGHAI, workerBooked } from './test-fixtures';

function book(startsAt: string, endsAt: string, overrides: Partial<BookWorker> = {}): BookWorker {
  return {
    type: 'BookWorker',
    workerId: 'worker-1',
    placementId: 'new',
    shiftId: 'shift-new',
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
    unpaidBreakMinutes: 0,
    siteTimeZone: SHANGHAI,
    maxHoursPerWeek: 40,
    at: POSTED_AT,
    ...overrides,
  };
}

describe('WorkerSchedule: booking', () => {
  it('books paid minutes in the ISO week of the start, in the site time zone', () => {
    given(workerSchedule, [])
      .when(book('2026-03-09T00:30:00+08:00', '2026-03-09T09:00:00+08:00', { unpaidBreakMinutes: 30 }))
      .then([
        {
          type: 'WorkerBooked',
          data: {
            workerId: 'worker-1',
            placementId: 'new',
            shiftId: 'shift-new',
            startsAt: '2026-03-08T16:30:00.000Z',
            endsAt: '2026-03-09T01:00:00.000Z',
            minutes: 480,
            siteTimeZone: SHANGHAI,
            isoWeek: '2026-W11', // the same instant is still 2026-W10 in UTC
            at: POSTED_AT.toISOString(),
          },
        },
      ]);
  });

  it('counts the shift less its unpaid break', () => {
    expect(paidMinutes(new Date('2026-03-10T08:00:00Z'), new Date('2026-03-10T16:30:00Z'), 30)).toBe(480);
  });
});

describe('WorkerSchedule: overlaps', () => {
  const morning = workerBooked('morning', '2026-03-10T08:00:00+08:00', '2026-03-10T12:00:00+08:00');

  it.each([
    ['ends as the other starts', '2026-03-10T06:00:00+08:00', '2026-03-10T08:00:00+08:00'],
    ['starts as the other ends', '2026-03-10T12:00:00+08:00', '2026-03-10T16:00:00+08:00'],
  ])('lets a shift that %s through', (_, startsAt, endsAt) => {
    expect(given(workerSchedule, [morning]).when(book(startsAt, endsAt)).events()).toHaveLength(1);
  });

  it.each([
    ['overlaps the end by a minute', '2026-03-10T11:59:00+08:00', '2026-03-10T16:00:00+08:00'],
    ['contains it', '2026-03-10T07:00:00+08:00', '2026-03-10T13:00:00+08:00'],
    ['lies inside it', '2026-03-10T09:00:00+08:00', '2026-03-10T10:00:00+08:00'],
  ])('refuses a shift that %s', (_, startsAt, endsAt) => {
    given(workerSchedule, [morning]).when(book(startsAt, endsAt)).thenRefuses('WORKER_BUSY');
  });

  it('forgets a released booking', () => {
    const released = { type: 'WorkerReleased' as const, data: { workerId: 'worker-1', placementId: 'morning', at: POSTED_AT.toISOString() } };
    expect(given(workerSchedule, [morning, released]).when(book('2026-03-10T09:00:00+08:00', '2026-03-10T10:00:00+08:00')).events()).toHaveLength(1);
  });
});

describe('WorkerSchedule: weekly hours', () => {
  // 2026-W10 runs Monday 2 March to Sunday 8 March; 16 hours are already booked in it.
  const fullWeek = [
    workerBooked('monday', '2026-03-02T08:00:00+08:00', '2026-03-02T16:00:00+08:00'),
    workerBooked('sunday', '2026-03-08T08:00:00+08:00', '2026-03-08T16:00:00+08:00'),
  ];

  it('allows reaching the limit exactly', () => {
    expect(given(workerSchedule, fullWeek).when(book('2026-03-08T18:00:00+08:00', '2026-03-08T23:00:00+08:00', { maxHoursPerWeek: 21 })).events()).toHaveLength(1);
  });

  it('refuses a shift that would pass the limit in that week', () => {
    given(workerSchedule, fullWeek)
      .when(book('2026-03-08T18:00:00+08:00', '2026-03-08T23:00:00+08:00', { maxHoursPerWeek: 20 }))
      .thenRefuses('WEEKLY_HOURS_EXCEEDED');
  });

  it('counts the unpaid break out', () => {
    const withBreak = (unpaidBreakMinutes: number) =>
      book('2026-03-08T18:00:00+08:00', '2026-03-08T23:30:00+08:00', { maxHoursPerWeek: 21, unpaidBreakMinutes });
    expect(given(workerSchedule, fullWeek).when(withBreak(30)).events()).toHaveLength(1);
    given(workerSchedule, fullWeek).when(withBreak(29)).thenRefuses('WEEKLY_HOURS_EXCEEDED');
  });

  it('puts Monday 00:30 in Shanghai into the next week, though it is still Sunday in UTC', () => {
    expect(given(workerSchedule, fullWeek).when(book('2026-03-09T00:30:00+08:00', '2026-03-09T08:30:00+08:00', { maxHoursPerWeek: 16 })).events()).toHaveLength(1);
  });

  it('counts a shift across Sunday midnight in the week it starts', () => {
    const sundayNight = book('2026-03-08T22:00:00+08:00', '2026-03-09T06:00:00+08:00', { maxHoursPerWeek: 16 });
    given(workerSchedule, fullWeek).when(sundayNight).thenRefuses('WEEKLY_HOURS_EXCEEDED');

    const lateSundayNight = workerBooked('late-sunday', '2026-03-08T22:00:00+08:00', '2026-03-09T06:00:00+08:00');
    const mondayDay = book('2026-03-09T08:00:00+08:00', '2026-03-09T16:00:00+08:00', { maxHoursPerWeek: 8 });
    expect(given(workerSchedule, [lateSundayNight]).when(mondayDay).events()).toHaveLength(1);
  });
});

describe('WorkerSchedule: releasing', () => {
  it('releases a booked placement once', () => {
    const booked = workerBooked('p1', '2026-03-10T08:00:00+08:00', '2026-03-10T16:00:00+08:00');
    const release = { type: 'ReleaseWorker', workerId: 'worker-1', placementId: 'p1', at: POSTED_AT } as const;
    given(workerSchedule, [booked])
      .when(release)
      .then([{ type: 'WorkerReleased', data: { workerId: 'worker-1', placementId: 'p1', at: POSTED_AT.toISOString() } }]);
    given(workerSchedule, []).when(release).then([]);
  });
});
