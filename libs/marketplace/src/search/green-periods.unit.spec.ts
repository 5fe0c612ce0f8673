import { emptyHealthRecord, type HealthRecord, healthStatus } from '../../../workforce/src/domain/health-code';
import { startOfLocalDate } from '@blue-ocean/kernel';
import { greenPeriods, pruneHealthRecord, toMultirange } from './green-periods';
import { offerLane, offerLanesFor, travelBucket } from './lanes';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TZ = 'Asia/Shanghai';

/** 14 clean declarations, the last on the local date of `at` (noon each day, Shanghai). */
function cleanFortnight(at: Date): HealthRecord {
  const record = emptyHealthRecord('2026-01-01T00:00:00.000Z');
  for (let back = 13; back >= 0; back--) {
    const when = new Date(at.getTime() - back * DAY);
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(when);
    record.declarations.push({ date, clean: true, at: when.toISOString() });
  }
  return record;
}

/** Whether the periods say GREEN at `at`, for comparison with the domain rule. */
function greenAt(periods: ReturnType<typeof greenPeriods>, at: number): boolean {
  return periods.some((p) => p.from.getTime() <= at && (p.until === null || at < p.until.getTime()));
}

describe('greenPeriods (the domain rule at every instant the code can change)', () => {
  const at = new Date('2026-03-10T04:00:00.000Z'); // 12:00 in Shanghai

  it('is empty for a worker with nothing recorded (AMBER)', () => {
    expect(greenPeriods(emptyHealthRecord(at.toISOString()), at, TZ)).toEqual([]);
  });

  it('an attested GREEN lasts until validUntil', () => {
    const record = emptyHealthRecord(at.toISOString());
    record.attestations.push({ code: 'GREEN', validUntil: '2026-04-01T00:00:00.000Z', at: at.toISOString() });
    expect(greenPeriods(record, at, TZ)).toEqual([{ from: at, until: new Date('2026-04-01T00:00:00.000Z') }]);
  });

  it('a self-declared GREEN ends at the next local midnight', () => {
    const periods = greenPeriods(cleanFortnight(at), at, TZ);
    expect(periods).toEqual([{ from: at, until: new Date('2026-03-10T16:00:00.000Z') }]); // 00:00 on 11 March in Shanghai
  });

  it('an attested GREEN comes back once a screening RED ends', () => {
    const record = emptyHealthRecord(at.toISOString());
    record.attestations.push({ code: 'GREEN', validUntil: '2026-05-01T00:00:00.000Z', at: '2026-03-01T00:00:00.000Z' });
    record.screenings.push({ redUntil: '2026-03-20T00:00:00.000Z', at: at.toISOString() });
    expect(greenPeriods(record, at, TZ)).toEqual([{ from: new Date('2026-03-20T00:00:00.000Z'), until: new Date('2026-05-01T00:00:00.000Z') }]);
  });

  it('agrees with healthStatus over the next weeks and at the edges of every period, for many mixed records', () => {
    const mismatches: string[] = [];
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 60; trial++) {
      const now = new Date(at.getTime() + Math.floor(random() * DAY));
      const record = emptyHealthRecord('2026-01-01T00:00:00.000Z');
      for (let back = 20; back >= 0; back--) {
        if (random() < 0.8) {
          const when = new Date(now.getTime() - back * DAY - Math.floor(random() * 3 * HOUR));
          const date = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(when);
          record.declarations.push({ date, clean: random() < 0.95, at: when.toISOString() });
        }
      }
      if (random() < 0.5) {
        const code = random() < 0.7 ? 'GREEN' : random() < 0.5 ? 'AMBER' : 'RED';
        record.attestations.push({ code, validUntil: new Date(now.getTime() + random() * 30 * DAY).toISOString(), at: new Date(now.getTime() - DAY).toISOString() });
      }
      if (random() < 0.3) record.screenings.push({ redUntil: new Date(now.getTime() + random() * 14 * DAY).toISOString(), at: new Date(now.getTime() - 2 * DAY).toISOString() });
      const kept = pruneHealthRecord(record, now, TZ);
      const periods = greenPeriods(kept, now, TZ);
      const instants: number[] = [];
      for (let t = now.getTime(); t < now.getTime() + 40 * DAY; t += 3 * HOUR) instants.push(t);
      for (const p of periods) for (const edge of [p.from, p.until]) if (edge) instants.push(edge.getTime() - 1, edge.getTime());
      for (const t of instants.filter((i) => i >= now.getTime())) {
        if (greenAt(periods, t) !== (healthStatus(record, new Date(t), TZ).code === 'GREEN')) mismatches.push(`${trial}@${new Date(t).toISOString()}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('writes a PostgreSQL multirange', () => {
    expect(toMultirange([])).toBe('{}');
    expect(toMultirange([{ from: at, until: null }])).toBe('{[2026-03-10T04:00:00.000Z,)}');
  });
});

describe('startOfLocalDate', () => {
  it('finds local midnight, also across DST and where midnight does not exist', () => {
    expect(new Date(startOfLocalDate('2026-03-11', 'Asia/Shanghai')).toISOString()).toBe('2026-03-10T16:00:00.000Z');
    expect(new Date(startOfLocalDate('2026-03-29', 'Europe/London')).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(new Date(startOfLocalDate('2026-03-30', 'Europe/London')).toISOString()).toBe('2026-03-29T23:00:00.000Z');
    // Chile moves its clocks at midnight: 2026-09-06 starts at 01:00 local (04:00 UTC).
    expect(new Date(startOfLocalDate('2026-09-06', 'America/Santiago')).toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(new Date(startOfLocalDate('2026-03-11', 'Pacific/Kiritimati')).toISOString()).toBe('2026-03-10T10:00:00.000Z');
  });
});

describe('lanes', () => {
  it('puts each offer in the travel bucket its radius fits', () => {
    expect(travelBucket(1)).toBe(0);
    expect(travelBucket(2.5)).toBe(0);
    expect(travelBucket(15)).toBe(3);
    expect(travelBucket(500)).toBe(7);
    expect(offerLane('PACKER', 15)).toBe(8 + 3);
    expect(offerLanesFor('PACKER').lanes).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
  });
});
