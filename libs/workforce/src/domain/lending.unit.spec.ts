import { bestCoverage, coverage, type OfferTerms, type ShiftToCover } from './lending';

const offer: OfferTerms = {
  availableFrom: '2026-03-03T00:00:00Z',
  availableUntil: '2026-03-10T00:00:00Z',
  roles: ['PICKER', 'PACKER'],
  minHourlyRate: '25.50',
  maxTravelKm: 10,
};

const shift: ShiftToCover = {
  role: 'PICKER',
  startsAt: '2026-03-04T09:00:00+08:00',
  endsAt: '2026-03-04T17:00:00+08:00',
  hourlyRate: '30.00',
};

describe('whether an offer covers a shift', () => {
  it('covers a shift inside the window, in a role, at the rate, near enough', () => {
    expect(coverage(offer, shift, 4.2)).toBe('COVERS');
  });

  it('covers exactly at every edge', () => {
    const edge = { ...shift, startsAt: offer.availableFrom, endsAt: offer.availableUntil, hourlyRate: '25.5' };
    expect(coverage(offer, edge, 10)).toBe('COVERS');
  });

  it('is NOT_LENT outside the window', () => {
    expect(coverage(offer, { ...shift, startsAt: '2026-03-02T23:59:59Z' }, 1)).toBe('NOT_LENT');
    expect(coverage(offer, { ...shift, endsAt: '2026-03-10T00:00:01Z' }, 1)).toBe('NOT_LENT');
  });

  it('is NOT_LENT for a role not offered, even when rate and distance fail too', () => {
    expect(coverage(offer, { ...shift, role: 'DRIVER' }, 1)).toBe('NOT_LENT');
    expect(coverage(offer, { ...shift, role: 'DRIVER', hourlyRate: '1.00' }, 99)).toBe('NOT_LENT');
  });

  it('is TOO_FAR when only the distance fails', () => {
    expect(coverage(offer, shift, 10.01)).toBe('TOO_FAR');
  });

  it('is RATE_TOO_LOW when only the rate fails, compared exactly', () => {
    expect(coverage(offer, { ...shift, hourlyRate: '25.49' }, 1)).toBe('RATE_TOO_LOW');
    expect(coverage({ ...offer, minHourlyRate: '0.30' }, { ...shift, hourlyRate: '0.3' }, 1)).toBe('COVERS');
  });

  it('is NOT_LENT when both rate and distance fail', () => {
    expect(coverage(offer, { ...shift, hourlyRate: '20.00' }, 50)).toBe('NOT_LENT');
  });
});

describe('the best coverage across offers', () => {
  const near = { ...offer, maxTravelKm: 50 };

  it('returns the first offer that covers', () => {
    const result = bestCoverage([{ ...offer, roles: ['DRIVER'] }, near, offer], shift, 20);
    expect(result).toEqual({ coverage: 'COVERS', offer: near });
  });

  it('is NOT_LENT with no offers', () => {
    expect(bestCoverage([], shift, 1)).toEqual({ coverage: 'NOT_LENT', offer: null });
  });

  it('prefers a specific refusal to NOT_LENT', () => {
    const wrongRole = { ...offer, roles: ['DRIVER'] };
    expect(bestCoverage([wrongRole, offer], shift, 20).coverage).toBe('TOO_FAR');
    expect(bestCoverage([wrongRole, offer], { ...shift, hourlyRate: '10' }, 1).coverage).toBe('RATE_TOO_LOW');
  });

  it('prefers RATE_TOO_LOW to TOO_FAR', () => {
    const dear = { ...near, minHourlyRate: '99.00' };
    expect(bestCoverage([offer, dear], shift, 20).coverage).toBe('RATE_TOO_LOW');
  });
});
