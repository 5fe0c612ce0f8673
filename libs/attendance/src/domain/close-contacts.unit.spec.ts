import { InvalidInput } from '@blue-ocean/kernel';
import { AttendanceInterval, closeContacts } from './close-contacts';

const now = new Date('2026-03-10T12:00:00Z');
const at = (time: string) => new Date(`2026-03-09T${time}Z`);
const stay = (workerId: string, from: string, until: string | null, siteId = 'store-1'): AttendanceInterval => ({
  workerId,
  siteId,
  checkInAt: at(from),
  checkOutAt: until === null ? null : at(until),
});
const trace = { workerId: 'li', now, days: 14 };

describe('closeContacts', () => {
  it('lists workers at the same site at the same time, largest overlap first', () => {
    const intervals = [stay('li', '08:00:00', '16:00:00'), stay('wang', '15:00:00', '20:00:00'), stay('zhang', '07:00:00', '12:00:00')];
    expect(closeContacts(intervals, trace)).toEqual([
      { workerId: 'zhang', siteId: 'store-1', overlapMinutes: 240, lastOverlapAt: at('12:00:00') },
      { workerId: 'wang', siteId: 'store-1', overlapMinutes: 60, lastOverlapAt: at('16:00:00') },
    ]);
  });

  it('does not count intervals that only touch', () => {
    expect(closeContacts([stay('li', '08:00:00', '12:00:00'), stay('wang', '12:00:00', '16:00:00')], trace)).toEqual([]);
  });

  it('counts ten seconds of overlap as one minute', () => {
    const contacts = closeContacts([stay('li', '08:00:00', '12:00:10'), stay('wang', '12:00:00', '16:00:00')], trace);
    expect(contacts).toEqual([{ workerId: 'wang', siteId: 'store-1', overlapMinutes: 1, lastOverlapAt: at('12:00:10') }]);
  });

  it('rounds up the total, not each overlap', () => {
    const intervals = [stay('li', '08:00:00', '08:00:30'), stay('li', '09:00:00', '09:00:30'), stay('wang', '07:00:00', '10:00:00')];
    expect(closeContacts(intervals, trace)[0].overlapMinutes).toBe(1);
  });

  it('adds up every overlap with the same worker at the same site', () => {
    const intervals = [stay('li', '08:00:00', '16:00:00'), stay('wang', '09:00:00', '10:00:00'), stay('wang', '11:00:00', '11:30:00')];
    expect(closeContacts(intervals, trace)).toEqual([{ workerId: 'wang', siteId: 'store-1', overlapMinutes: 90, lastOverlapAt: at('11:30:00') }]);
  });

  it('counts an interval still open up to now', () => {
    const intervals: AttendanceInterval[] = [
      { workerId: 'li', siteId: 'store-1', checkInAt: new Date('2026-03-10T10:00:00Z'), checkOutAt: null },
      { workerId: 'wang', siteId: 'store-1', checkInAt: new Date('2026-03-10T11:00:00Z'), checkOutAt: null },
    ];
    expect(closeContacts(intervals, trace)).toEqual([{ workerId: 'wang', siteId: 'store-1', overlapMinutes: 60, lastOverlapAt: now }]);
  });

  it('ignores other sites', () => {
    expect(closeContacts([stay('li', '08:00:00', '16:00:00'), stay('wang', '08:00:00', '16:00:00', 'store-2')], trace)).toEqual([]);
  });

  it('lists a worker met at two sites once per site', () => {
    const intervals = [
      stay('li', '08:00:00', '10:00:00', 'store-1'),
      stay('li', '12:00:00', '13:00:00', 'store-2'),
      stay('wang', '08:00:00', '16:00:00', 'store-1'),
      stay('wang', '12:00:00', '16:00:00', 'store-2'),
    ];
    expect(closeContacts(intervals, trace).map((contact) => [contact.siteId, contact.overlapMinutes])).toEqual([
      ['store-1', 120],
      ['store-2', 60],
    ]);
  });

  it('looks back only the given number of days, counting only the overlap inside them', () => {
    const intervals = [stay('li', '08:00:00', '16:00:00'), stay('wang', '08:00:00', '16:00:00')];
    // now is 2026-03-10T12:00Z: one day back is 2026-03-09T12:00Z.
    expect(closeContacts(intervals, { ...trace, days: 1 })[0].overlapMinutes).toBe(240);
    expect(closeContacts([stay('li', '08:00:00', '10:00:00'), stay('wang', '08:00:00', '10:00:00')], { ...trace, days: 1 })).toEqual([]);
  });

  it('does not list the traced worker', () => {
    expect(closeContacts([stay('li', '08:00:00', '16:00:00'), stay('li', '10:00:00', '12:00:00')], trace)).toEqual([]);
  });

  it.each([0, -1, 1.5])('refuses %s days', (days) => {
    expect(() => closeContacts([], { ...trace, days })).toThrow(InvalidInput);
  });
});
