import { workedMinutes } from './worked-minutes';

const startsAt = new Date('2026-03-02T01:00:00Z');
const at = (time: string) => new Date(`2026-03-02T${time}Z`);

describe('workedMinutes', () => {
  it('counts from the start when the worker checked in early', () => {
    expect(workedMinutes({ startsAt, checkInAt: at('00:40:00'), checkOutAt: at('09:00:00'), unpaidBreakMinutes: 0 })).toBe(480);
  });

  it('counts from the check-in when the worker came late', () => {
    expect(workedMinutes({ startsAt, checkInAt: at('01:15:00'), checkOutAt: at('09:00:00'), unpaidBreakMinutes: 0 })).toBe(465);
  });

  it('leaves out the unpaid break', () => {
    expect(workedMinutes({ startsAt, checkInAt: at('01:00:00'), checkOutAt: at('09:00:00'), unpaidBreakMinutes: 30 })).toBe(450);
  });

  it('drops a partial minute', () => {
    expect(workedMinutes({ startsAt, checkInAt: at('01:00:00'), checkOutAt: at('01:08:59.999'), unpaidBreakMinutes: 0 })).toBe(8);
  });

  it('is never below zero', () => {
    expect(workedMinutes({ startsAt, checkInAt: at('01:00:00'), checkOutAt: at('01:20:00'), unpaidBreakMinutes: 30 })).toBe(0);
    expect(workedMinutes({ startsAt, checkInAt: at('00:40:00'), checkOutAt: at('00:50:00'), unpaidBreakMinutes: 0 })).toBe(0);
  });
});
