import { given } from '../../../../test/support/given';
import { fold } from '@blue-ocean/kernel';
import { ShiftPostingEvent } from './events';
import { shiftPosting } from './shift-posting.decider';
import { ENDS_AT, POSTED_AT, STARTS_AT, fieldAtFault, minutesAfter, minutesBefore, postShiftCommand, shiftPosted } from './test-fixtures';

const BEFORE_START = minutesBefore(STARTS_AT, 60);
const slotTaken = (placementId: string, workerId = `worker-of-${placementId}`): ShiftPostingEvent => ({
  type: 'SlotTaken',
  data: { shiftId: 'shift-1', placementId, workerId, at: POSTED_AT.toISOString() },
});
const slotFreed = (placementId: string): ShiftPostingEvent => ({
  type: 'SlotFreed',
  data: { shiftId: 'shift-1', placementId, at: POSTED_AT.toISOString() },
});
const shiftCancelled: ShiftPostingEvent = {
  type: 'ShiftCancelled',
  data: { shiftId: 'shift-1', reason: 'Store closed', at: POSTED_AT.toISOString() },
};
const statusAfter = (events: ShiftPostingEvent[]) => fold(shiftPosting, events).status;

describe('ShiftPosting: posting a shift', () => {
  it('posts with the defaults: CNY, no break, green code required', () => {
    given(shiftPosting, []).when(postShiftCommand()).then([shiftPosted()]);
  });

  it('keeps what the retailer chose and normalises the rate to cents', () => {
    given(shiftPosting, [])
      .when(postShiftCommand({ hourlyRate: '30', currency: 'USD', requiresGreenCode: false, unpaidBreakMinutes: 30, description: '  Aisles 1–4 ' }))
      .then([shiftPosted({ hourlyRate: '30.00', currency: 'USD', requiresGreenCode: false, unpaidBreakMinutes: 30, description: 'Aisles 1–4' })]);
  });

  it('accepts exactly 16 hours, 1 slot, 500 slots and a rate of 0', () => {
    const sixteenHours = minutesAfter(STARTS_AT, 16 * 60);
    expect(fieldAtFault(() => shiftPosting.decide(postShiftCommand({ endsAt: sixteenHours }), { status: 'none' }))).toBe('(nothing thrown)');
    for (const slots of [1, 500]) {
      expect(fieldAtFault(() => shiftPosting.decide(postShiftCommand({ slots }), { status: 'none' }))).toBe('(nothing thrown)');
    }
    expect(shiftPosting.decide(postShiftCommand({ hourlyRate: '0' }), { status: 'none' })[0].data).toMatchObject({ hourlyRate: '0.00' });
  });

  it.each([
    ['title', { title: '   ' }],
    ['startsAt', { startsAt: POSTED_AT }],
    ['startsAt', { startsAt: minutesBefore(POSTED_AT, 1), endsAt: minutesAfter(POSTED_AT, 60) }],
    ['endsAt', { endsAt: STARTS_AT }],
    ['endsAt', { endsAt: minutesBefore(STARTS_AT, 60) }],
    ['endsAt', { endsAt: minutesAfter(STARTS_AT, 16 * 60 + 1) }],
    ['unpaidBreakMinutes', { unpaidBreakMinutes: -1 }],
    ['unpaidBreakMinutes', { unpaidBreakMinutes: 8 * 60 }],
    ['unpaidBreakMinutes', { unpaidBreakMinutes: 12.5 }],
    ['slots', { slots: 0 }],
    ['slots', { slots: 501 }],
    ['slots', { slots: 2.5 }],
    ['hourlyRate', { hourlyRate: '35.555' }],
    ['hourlyRate', { hourlyRate: '-1' }],
    ['hourlyRate', { hourlyRate: 'thirty' }],
    ['hourlyRate', { hourlyRate: '1e3' }],
    ['currency', { currency: 'cny' }],
    ['currency', { currency: 'CN' }],
    ['currency', { currency: 'YUAN' }],
  ] as const)('refuses bad %s: %j', (field, overrides) => {
    expect(fieldAtFault(() => shiftPosting.decide(postShiftCommand(overrides), { status: 'none' }))).toBe(field);
  });

  it('refuses an unverified retailer', () => {
    given(shiftPosting, []).when(postShiftCommand({ retailerVerified: false })).thenRefuses('INVALID_TRANSITION');
  });

  it('refuses to post the same shift twice', () => {
    given(shiftPosting, [shiftPosted()]).when(postShiftCommand()).thenRefuses('ALREADY_EXISTS');
  });
});

describe('ShiftPosting: slots', () => {
  it('gives a slot to a placement', () => {
    given(shiftPosting, [shiftPosted()])
      .when({ type: 'TakeSlot', placementId: 'p1', workerId: 'w1', at: POSTED_AT })
      .then([slotTaken('p1', 'w1')]);
  });

  it('is FILLED while every slot is taken and OPEN again when one frees', () => {
    expect(statusAfter([shiftPosted(), slotTaken('p1')])).toBe('OPEN');
    expect(statusAfter([shiftPosted(), slotTaken('p1'), slotTaken('p2')])).toBe('FILLED');
    expect(statusAfter([shiftPosted(), slotTaken('p1'), slotTaken('p2'), slotFreed('p1')])).toBe('OPEN');
  });

  it('lists the placements holding slots', () => {
    const { state } = given(shiftPosting, [shiftPosted(), slotTaken('p1', 'w1'), slotTaken('p2', 'w2'), slotFreed('p1')]);
    expect(state).toMatchObject({ slotHolders: [{ placementId: 'p2', workerId: 'w2' }] });
  });

  it('refuses a full shift, a closed shift and a started shift', () => {
    const take = { type: 'TakeSlot', placementId: 'p9', workerId: 'w9', at: BEFORE_START } as const;
    given(shiftPosting, [shiftPosted(), slotTaken('p1'), slotTaken('p2')]).when(take).thenRefuses('SHIFT_FULL');
    given(shiftPosting, [shiftPosted(), shiftCancelled]).when(take).thenRefuses('SHIFT_NOT_OPEN');
    given(shiftPosting, [shiftPosted()]).when({ ...take, at: STARTS_AT }).thenRefuses('SHIFT_STARTED');
  });

  it('refuses a second slot for the same placement', () => {
    given(shiftPosting, [shiftPosted(), slotTaken('p1')])
      .when({ type: 'TakeSlot', placementId: 'p1', workerId: 'w1', at: POSTED_AT })
      .thenRefuses('INVALID_TRANSITION');
  });

  it('frees only a slot that is held, so freeing twice is harmless', () => {
    given(shiftPosting, [shiftPosted(), slotTaken('p1')]).when({ type: 'FreeSlot', placementId: 'p1', at: POSTED_AT }).then([slotFreed('p1')]);
    given(shiftPosting, [shiftPosted(), slotTaken('p1'), slotFreed('p1')]).when({ type: 'FreeSlot', placementId: 'p1', at: POSTED_AT }).then([]);
  });
});

describe('ShiftPosting: cancelling and completing', () => {
  it('cancels, and stays CANCELLED while its placements free their slots', () => {
    given(shiftPosting, [shiftPosted(), slotTaken('p1')])
      .when({ type: 'CancelShift', reason: ' Store closed ', at: POSTED_AT })
      .then([shiftCancelled]);
    expect(statusAfter([shiftPosted(), slotTaken('p1'), shiftCancelled])).toBe('CANCELLED');
    expect(statusAfter([shiftPosted(), slotTaken('p1'), shiftCancelled, slotFreed('p1')])).toBe('CANCELLED');
  });

  it('refuses to cancel twice, after the start, or without a reason', () => {
    given(shiftPosting, [shiftPosted(), shiftCancelled]).when({ type: 'CancelShift', reason: 'again', at: POSTED_AT }).thenRefuses('INVALID_TRANSITION');
    given(shiftPosting, [shiftPosted()]).when({ type: 'CancelShift', reason: 'late', at: STARTS_AT }).thenRefuses('SHIFT_STARTED');
    expect(fieldAtFault(() => shiftPosting.decide({ type: 'CancelShift', reason: ' ', at: POSTED_AT }, fold(shiftPosting, [shiftPosted()])))).toBe('reason');
  });

  it('completes once it has ended, and is a no-op otherwise', () => {
    given(shiftPosting, [shiftPosted()]).when({ type: 'CompleteShift', at: minutesBefore(ENDS_AT, 1) }).then([]);
    given(shiftPosting, [shiftPosted()])
      .when({ type: 'CompleteShift', at: ENDS_AT })
      .then([{ type: 'ShiftCompleted', data: { shiftId: 'shift-1', at: ENDS_AT.toISOString() } }]);
    given(shiftPosting, [shiftPosted(), shiftCancelled]).when({ type: 'CompleteShift', at: ENDS_AT }).then([]);
  });

  it('refuses workers once COMPLETED', () => {
    const completed: ShiftPostingEvent = { type: 'ShiftCompleted', data: { shiftId: 'shift-1', at: ENDS_AT.toISOString() } };
    given(shiftPosting, [shiftPosted(), completed]).when({ type: 'TakeSlot', placementId: 'p1', workerId: 'w1', at: ENDS_AT }).thenRefuses('SHIFT_NOT_OPEN');
  });
});
