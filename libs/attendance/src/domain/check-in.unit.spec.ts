import { DomainError, InvalidInput } from '@blue-ocean/kernel';
import { assertCanCheckIn, CheckInAttempt, checkInRefusal, reliability } from './check-in';

const site = { location: { lat: 31.2304, lng: 121.4737 }, checkInRadiusMeters: 200 };
const shift = { startsAt: new Date('2026-03-02T01:00:00Z'), endsAt: new Date('2026-03-02T09:00:00Z'), requiresGreenCode: true };

const attempt = (change: Partial<CheckInAttempt> = {}): CheckInAttempt => ({
  at: new Date('2026-03-02T00:55:00Z'),
  location: site.location,
  temperatureCelsius: 36.6,
  healthCode: 'GREEN',
  shift,
  site,
  ...change,
});

/** About 111 m per 0.001° of latitude. */
const north = (meters: number) => ({ lat: site.location.lat + meters / 111_195, lng: site.location.lng });

describe('check-in', () => {
  it('lets a healthy worker on site check in', () => {
    expect(checkInRefusal(attempt())).toBeNull();
    expect(() => assertCanCheckIn(attempt())).not.toThrow();
  });

  it.each([
    ['2026-03-02T00:29:59Z', 'CHECK_IN_WINDOW'],
    ['2026-03-02T00:30:00Z', null],
    ['2026-03-02T08:59:59Z', null],
    ['2026-03-02T09:00:00Z', 'CHECK_IN_WINDOW'],
  ])('at %s: %s', (at, reason) => {
    expect(checkInRefusal(attempt({ at: new Date(at) }))).toBe(reason);
  });

  it('must be within the site\'s radius', () => {
    expect(checkInRefusal(attempt({ location: north(190) }))).toBeNull();
    expect(checkInRefusal(attempt({ location: north(210) }))).toBe('OUTSIDE_GEOFENCE');
  });

  it('refuses a fever of 37.3 °C or more', () => {
    expect(checkInRefusal(attempt({ temperatureCelsius: 37.2 }))).toBeNull();
    expect(checkInRefusal(attempt({ temperatureCelsius: 37.3 }))).toBe('FEVER');
    expect(checkInRefusal(attempt({ temperatureCelsius: 39 }))).toBe('FEVER');
  });

  it('needs a green code only when the posting requires one', () => {
    expect(checkInRefusal(attempt({ healthCode: 'AMBER' }))).toBe('HEALTH_CODE_NOT_GREEN');
    expect(checkInRefusal(attempt({ healthCode: 'RED' }))).toBe('HEALTH_CODE_NOT_GREEN');
    expect(checkInRefusal(attempt({ healthCode: 'AMBER', shift: { ...shift, requiresGreenCode: false } }))).toBeNull();
  });

  it('reports a fever before the health code, so the screening is recorded', () => {
    expect(checkInRefusal(attempt({ temperatureCelsius: 38, healthCode: 'AMBER' }))).toBe('FEVER');
  });

  it('throws the reason as a DomainError', () => {
    expect(() => assertCanCheckIn(attempt({ temperatureCelsius: 38 }))).toThrow(DomainError);
    expect(() => assertCanCheckIn(attempt({ temperatureCelsius: 38 }))).toThrow(/fever/);
  });

  it.each([98.6, 20, Number.NaN])('refuses a reading of %s °C as bad input', (temperatureCelsius) => {
    expect(() => checkInRefusal(attempt({ temperatureCelsius }))).toThrow(InvalidInput);
  });
});

describe('reliability', () => {
  it('is 1.0 with no history', () => {
    expect(reliability(0, 0, 0)).toBe(1);
  });

  it('is the share attended of everything the worker was confirmed for', () => {
    expect(reliability(3, 1, 0)).toBe(0.75);
    expect(reliability(6, 1, 1)).toBe(0.75);
    expect(reliability(0, 2, 0)).toBe(0);
  });
});
