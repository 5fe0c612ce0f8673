import { outcomeOf, PlacementOutcome, trackRecord } from './track-record';

const placement = (change: Partial<PlacementOutcome> = {}): PlacementOutcome => ({
  status: 'CONFIRMED',
  checkInAt: null,
  cancelledBy: null,
  cancellationLate: null,
  cancelledFromStatus: null,
  ratingStars: null,
  ...change,
});
const attended = (status = 'CHECKED_OUT', ratingStars: number | null = null) =>
  placement({ status, checkInAt: new Date('2026-03-02T01:00:00Z'), ratingStars });
const cancelled = (cancelledBy: string, late: boolean, cancelledFromStatus = 'CONFIRMED') =>
  placement({ status: 'CANCELLED', cancelledBy, cancellationLate: late, cancelledFromStatus });

describe('outcomeOf', () => {
  it.each(['CHECKED_IN', 'CHECKED_OUT', 'APPROVED', 'DISPUTED', 'SETTLED'])('a checked-in placement, now %s, was attended', (status) => {
    expect(outcomeOf(attended(status))).toBe('ATTENDED');
  });

  it('a no-show counts as one', () => {
    expect(outcomeOf(placement({ status: 'NO_SHOW' }))).toBe('NO_SHOW');
  });

  it('late cancellations by the worker or the lender count against the worker', () => {
    expect(outcomeOf(cancelled('WORKER', true))).toBe('LATE_CANCELLATION');
    expect(outcomeOf(cancelled('LENDER', true))).toBe('LATE_CANCELLATION');
    expect(outcomeOf(cancelled('LENDER', true, 'PENDING_LENDER'))).toBe('LATE_CANCELLATION');
    expect(outcomeOf(cancelled('WORKER', true, null as unknown as string))).toBe('LATE_CANCELLATION');
  });

  it('early cancellations, the retailer\'s and the platform\'s, and cancelled invitations do not', () => {
    expect(outcomeOf(cancelled('WORKER', false))).toBeNull();
    expect(outcomeOf(cancelled('RETAILER', true))).toBeNull();
    expect(outcomeOf(cancelled('PLATFORM', true))).toBeNull();
    expect(outcomeOf(cancelled('WORKER', true, 'INVITED'))).toBeNull();
  });

  it.each(['INVITED', 'PENDING_LENDER', 'CONFIRMED', 'DECLINED', 'REJECTED', 'EXPIRED'])('%s does not count', (status) => {
    expect(outcomeOf(placement({ status }))).toBeNull();
  });
});

describe('trackRecord', () => {
  it('is 1.0 reliable and unrated with no history', () => {
    expect(trackRecord([])).toEqual({ attended: 0, noShows: 0, lateCancellations: 0, reliability: 1, rating: null, ratings: 0 });
    expect(trackRecord([placement(), cancelled('RETAILER', true)]).reliability).toBe(1);
  });

  it('is the share attended of attended, no-shows and late cancellations', () => {
    const record = trackRecord([attended(), attended('SETTLED'), attended('APPROVED'), placement({ status: 'NO_SHOW' }), cancelled('WORKER', true), cancelled('WORKER', false)]);
    expect(record).toMatchObject({ attended: 3, noShows: 1, lateCancellations: 1, reliability: 0.6 });
  });

  it('rates with the mean of the stars given', () => {
    expect(trackRecord([attended('CHECKED_OUT', 5), attended('APPROVED', 4), attended('APPROVED', 4), attended()])).toMatchObject({ rating: 13 / 3, ratings: 3 });
  });
});
