import { fold } from '@blue-ocean/kernel';
import { BookingCommand, BookingFacts, decideBooking, decideRelease, releasesBooking } from './booking';
import { PlacementEvent, ShiftPostingEvent, WorkerScheduleEvent } from './events';
import { decideInvitation } from './invitation';
import { placement } from './placement.decider';
import { shiftPosting } from './shift-posting.decider';
import { workerSchedule } from './worker-schedule.decider';
import { ENDS_AT, POSTED_AT, STARTS_AT, refusalOf, shiftPosted, workerBooked, workerInvited, workerPlaced } from './test-fixtures';

const iso = (instant: Date) => instant.toISOString();
const slotTaken = (placementId: string): ShiftPostingEvent => ({
  type: 'SlotTaken',
  data: { shiftId: 'shift-1', placementId, workerId: `worker-of-${placementId}`, at: iso(POSTED_AT) },
});
const shiftCancelled: ShiftPostingEvent = { type: 'ShiftCancelled', data: { shiftId: 'shift-1', reason: 'Closed', at: iso(POSTED_AT) } };

type Scenario = {
  posting?: ShiftPostingEvent[];
  schedule?: WorkerScheduleEvent[];
  placement?: PlacementEvent[];
  command?: Partial<BookingCommand>;
  facts?: Partial<BookingFacts>;
};

function book(scenario: Scenario = {}) {
  return decideBooking({
    posting: fold(shiftPosting, scenario.posting ?? [shiftPosted()]),
    schedule: fold(workerSchedule, scenario.schedule ?? []),
    placement: fold(placement, scenario.placement ?? []),
    command: {
      placementId: 'placement-1',
      workerId: 'worker-1',
      shiftId: 'shift-1',
      lenderId: 'lender-1',
      at: POSTED_AT,
      actor: 'user-worker-1',
      via: 'ACCEPT',
      ...scenario.command,
    },
    facts: { coverage: 'COVERS', autoApprove: false, healthCode: 'GREEN', maxHoursPerWeek: 40, policyNumber: 'POL-1', ...scenario.facts },
  });
}

const refusal = (scenario: Scenario) => refusalOf(() => book(scenario));
const overlapping = workerBooked('other', '2026-03-10T12:00:00+08:00', '2026-03-10T20:00:00+08:00');
const weekAlmostFull = workerBooked('monday', '2026-03-09T08:00:00+08:00', '2026-03-09T15:00:00+08:00');

describe('decideBooking', () => {
  it('takes a slot, books the worker and places them pending the lender', () => {
    expect(book()).toEqual({
      posting: [{ type: 'SlotTaken', data: { shiftId: 'shift-1', placementId: 'placement-1', workerId: 'worker-1', at: iso(POSTED_AT) } }],
      schedule: [
        {
          type: 'WorkerBooked',
          data: {
            workerId: 'worker-1',
            placementId: 'placement-1',
            shiftId: 'shift-1',
            startsAt: iso(STARTS_AT),
            endsAt: iso(ENDS_AT),
            minutes: 480,
            siteTimeZone: 'Asia/Shanghai',
            isoWeek: '2026-W11',
            at: iso(POSTED_AT),
          },
        },
      ],
      placement: [workerPlaced('PENDING_LENDER')],
    });
  });

  it('confirms at once when the covering offer auto-approves, with the insurance cover', () => {
    const [placed] = book({ facts: { autoApprove: true } }).placement;
    expect(placed).toEqual(workerPlaced('CONFIRMED'));
    expect(placed.data).toMatchObject({ insurance: { policyNumber: 'POL-1', coverage: '300000.00', currency: 'CNY' } });
  });

  it('accepts an invitation made to the worker, keeping when they were invited', () => {
    const decision = book({ placement: [workerInvited()], command: { via: 'INVITATION' } });
    expect(decision.placement[0].data).toMatchObject({ via: 'INVITATION', status: 'PENDING_LENDER' });
    const state = fold(placement, [workerInvited(), ...decision.placement]);
    expect(state).toMatchObject({ status: 'PENDING_LENDER', invitedAt: iso(POSTED_AT), placedAt: iso(POSTED_AT) });
  });

  it('lets a worker whose code is not green take a shift that does not require it', () => {
    expect(book({ posting: [shiftPosted({ requiresGreenCode: false })], facts: { healthCode: 'AMBER' } }).placement).toHaveLength(1);
  });

  describe('refuses', () => {
    it.each<[string, Scenario]>([
      ['ALREADY_EXISTS', { placement: [workerPlaced('CONFIRMED')] }],
      ['INVALID_TRANSITION', { command: { via: 'INVITATION' } }],
      ['INVALID_TRANSITION', { placement: [workerInvited(POSTED_AT, { workerId: 'someone-else' })], command: { via: 'INVITATION' } }],
      ['SHIFT_NOT_OPEN', { posting: [shiftPosted(), shiftCancelled] }],
      ['SHIFT_NOT_OPEN', { posting: [shiftPosted(), { type: 'ShiftCompleted', data: { shiftId: 'shift-1', at: iso(ENDS_AT) } }] }],
      ['SHIFT_FULL', { posting: [shiftPosted(), slotTaken('a'), slotTaken('b')] }],
      ['SHIFT_STARTED', { command: { at: STARTS_AT } }],
      ['SHIFT_STARTED', { placement: [workerInvited()], command: { via: 'INVITATION', at: STARTS_AT } }],
      ['NOT_LENT', { facts: { coverage: 'NOT_LENT' } }],
      ['TOO_FAR', { facts: { coverage: 'TOO_FAR' } }],
      ['RATE_TOO_LOW', { facts: { coverage: 'RATE_TOO_LOW' } }],
      ['HEALTH_CODE_NOT_GREEN', { facts: { healthCode: 'AMBER' } }],
      ['HEALTH_CODE_NOT_GREEN', { facts: { healthCode: 'RED' } }],
      ['WORKER_BUSY', { schedule: [overlapping] }],
      ['WEEKLY_HOURS_EXCEEDED', { schedule: [weekAlmostFull], facts: { maxHoursPerWeek: 14 } }],
    ])('%s', (reason, scenario) => {
      expect(refusal(scenario)).toBe(reason);
    });
  });

  describe('reports the first refusal in the API order', () => {
    it.each<[string, Scenario]>([
      ['SHIFT_NOT_OPEN', { posting: [shiftPosted({ slots: 1 }), slotTaken('a'), shiftCancelled], command: { at: STARTS_AT } }],
      ['SHIFT_FULL', { posting: [shiftPosted({ slots: 1 }), slotTaken('a')], command: { at: STARTS_AT }, facts: { coverage: 'NOT_LENT' } }],
      ['SHIFT_STARTED', { command: { at: STARTS_AT }, facts: { coverage: 'NOT_LENT' } }],
      ['TOO_FAR', { facts: { coverage: 'TOO_FAR', healthCode: 'RED' } }],
      ['HEALTH_CODE_NOT_GREEN', { facts: { healthCode: 'AMBER' }, schedule: [overlapping] }],
      ['WORKER_BUSY', { schedule: [overlapping, weekAlmostFull], facts: { maxHoursPerWeek: 14 } }],
    ])('%s', (reason, scenario) => {
      expect(refusal(scenario)).toBe(reason);
    });
  });
});

describe('decideRelease', () => {
  it('frees the slot and the worker once, whatever ended the placement', () => {
    const booking = book();
    const posting = fold(shiftPosting, [shiftPosted(), ...booking.posting]);
    const schedule = fold(workerSchedule, booking.schedule);
    const release = { posting, schedule, placementId: 'placement-1', workerId: 'worker-1', at: POSTED_AT };

    const freed = decideRelease(release);
    expect(freed).toEqual({
      posting: [{ type: 'SlotFreed', data: { shiftId: 'shift-1', placementId: 'placement-1', at: iso(POSTED_AT) } }],
      schedule: [{ type: 'WorkerReleased', data: { workerId: 'worker-1', placementId: 'placement-1', at: iso(POSTED_AT) } }],
    });

    const afterwards = {
      ...release,
      posting: fold(shiftPosting, [shiftPosted(), ...booking.posting, ...freed.posting]),
      schedule: fold(workerSchedule, [...booking.schedule, ...freed.schedule]),
    };
    expect(decideRelease(afterwards)).toEqual({ posting: [], schedule: [] });
  });

  it('frees nothing for an invitation, which never held a slot', () => {
    expect(decideRelease({ posting: fold(shiftPosting, [shiftPosted()]), schedule: { bookings: [] }, placementId: 'placement-1', workerId: 'worker-1', at: POSTED_AT })).toEqual({
      posting: [],
      schedule: [],
    });
  });

  it('knows which placement events release a booking', () => {
    const at = iso(POSTED_AT);
    expect(releasesBooking({ type: 'PlacementRejected', data: { placementId: 'p', lenderId: 'l', reason: null, at } })).toBe(true);
    expect(releasesBooking({ type: 'PlacementExpired', data: { placementId: 'p', at } })).toBe(true);
    expect(releasesBooking({ type: 'PlacementApproved', data: { placementId: 'p', lenderId: 'l', at } })).toBe(false);
    expect(releasesBooking({ type: 'InvitationDeclined', data: { placementId: 'p', at } })).toBe(false);
  });
});

describe('decideInvitation', () => {
  const invite = (postingEvents: ShiftPostingEvent[], coverage: BookingFacts['coverage'] = 'COVERS') =>
    decideInvitation({
      posting: fold(shiftPosting, postingEvents),
      placement: { status: 'none' },
      command: { placementId: 'placement-1', workerId: 'worker-1', lenderId: 'lender-1', at: POSTED_AT },
      facts: { coverage },
    });

  it('invites a lent worker to an open shift', () => {
    expect(invite([shiftPosted()])).toEqual({ placement: [workerInvited()] });
  });

  it('refuses what could never be accepted', () => {
    expect(refusalOf(() => invite([shiftPosted(), shiftCancelled]))).toBe('SHIFT_NOT_OPEN');
    expect(refusalOf(() => invite([shiftPosted({ slots: 1 }), slotTaken('a')]))).toBe('SHIFT_FULL');
    expect(refusalOf(() => invite([shiftPosted()], 'NOT_LENT'))).toBe('NOT_LENT');
  });
});
