import { given } from '../../../../test/support/given';
import { PlacementEvent } from './events';
import { PlacementStatus } from './placement-status';
import { CancelPlacement, lateCancellationFee, placement } from './placement.decider';
import { POSTED_AT, STARTS_AT, fieldAtFault, minutesAfter, minutesBefore, terms, workerInvited, workerPlaced } from './test-fixtures';

const at = (instant: Date) => instant.toISOString();
const pending = workerPlaced('PENDING_LENDER'); // placed at POSTED_AT: the lender has until POSTED_AT + 2 h
const confirmed = workerPlaced('CONFIRMED');
const invited = workerInvited();
const approved: PlacementEvent = { type: 'PlacementApproved', data: { placementId: 'placement-1', lenderId: 'lender-1', at: at(POSTED_AT) } };
const cancel = (by: CancelPlacement['by'], when: Date): CancelPlacement => ({ type: 'CancelPlacement', by, reason: 'Plans changed', at: when });

describe('Placement: invitations', () => {
  it('invites a worker until the shift starts', () => {
    given(placement, []).when({ type: 'InviteWorker', terms: terms(), at: POSTED_AT }).then([invited]);
    expect(invited.data.expiresAt).toBe(at(STARTS_AT));
  });

  it('refuses to invite into an existing placement', () => {
    given(placement, [invited]).when({ type: 'InviteWorker', terms: terms(), at: POSTED_AT }).thenRefuses('ALREADY_EXISTS');
  });

  it('lets the worker decline an open invitation', () => {
    given(placement, [invited])
      .when({ type: 'DeclineInvitation', at: POSTED_AT })
      .then([{ type: 'InvitationDeclined', data: { placementId: 'placement-1', at: at(POSTED_AT) } }]);
    expect(given(placement, [invited, { type: 'InvitationDeclined', data: { placementId: 'placement-1', at: at(POSTED_AT) } }]).state.status).toBe('DECLINED');
  });

  it('refuses to decline what is not an open invitation', () => {
    given(placement, [pending]).when({ type: 'DeclineInvitation', at: POSTED_AT }).thenRefuses('INVALID_TRANSITION');
    given(placement, [invited]).when({ type: 'DeclineInvitation', at: STARTS_AT }).thenRefuses('INVALID_TRANSITION');
    given(placement, []).when({ type: 'DeclineInvitation', at: POSTED_AT }).thenRefuses('INVALID_TRANSITION');
  });

  it('expires an invitation at startsAt, and not before', () => {
    given(placement, [invited]).when({ type: 'ExpirePlacement', at: minutesBefore(STARTS_AT, 1) }).then([]);
    given(placement, [invited])
      .when({ type: 'ExpirePlacement', at: STARTS_AT })
      .then([{ type: 'InvitationExpired', data: { placementId: 'placement-1', at: at(STARTS_AT) } }]);
  });
});

describe('Placement: the lender decides', () => {
  it('confirms on approval', () => {
    given(placement, [pending]).when({ type: 'DecidePlacement', approve: true, at: POSTED_AT }).then([approved]);
    expect(given(placement, [pending, approved]).state).toMatchObject({ status: 'CONFIRMED', confirmedAt: at(POSTED_AT), lapsesAt: null });
  });

  it('rejects with the reason given', () => {
    given(placement, [pending])
      .when({ type: 'DecidePlacement', approve: false, reason: ' Needed in our kitchen ', at: POSTED_AT })
      .then([{ type: 'PlacementRejected', data: { placementId: 'placement-1', lenderId: 'lender-1', reason: 'Needed in our kitchen', at: at(POSTED_AT) } }]);
  });

  it('refuses to decide anything but a pending placement, or once the decision is overdue', () => {
    const approve = { type: 'DecidePlacement', approve: true, at: POSTED_AT } as const;
    given(placement, [confirmed]).when(approve).thenRefuses('INVALID_TRANSITION');
    given(placement, [pending, approved]).when(approve).thenRefuses('INVALID_TRANSITION');
    given(placement, [invited]).when(approve).thenRefuses('INVALID_TRANSITION');
    given(placement, []).when(approve).thenRefuses('INVALID_TRANSITION');
    given(placement, [pending]).when({ ...approve, at: minutesAfter(POSTED_AT, 120) }).thenRefuses('INVALID_TRANSITION');
  });
});

describe('Placement: expiry of an undecided placement', () => {
  it('is due 2 hours after placing', () => {
    expect(pending.data.decisionDueAt).toBe(at(minutesAfter(POSTED_AT, 120)));
    given(placement, [pending]).when({ type: 'ExpirePlacement', at: minutesAfter(POSTED_AT, 119) }).then([]);
    given(placement, [pending])
      .when({ type: 'ExpirePlacement', at: minutesAfter(POSTED_AT, 120) })
      .then([{ type: 'PlacementExpired', data: { placementId: 'placement-1', at: at(minutesAfter(POSTED_AT, 120)) } }]);
  });

  it('is due at startsAt when the shift starts sooner than 2 hours after placing', () => {
    const placedLate = minutesBefore(STARTS_AT, 45);
    const [event] = given(placement, [])
      .when({ type: 'PlaceWorker', terms: terms(), via: 'ACCEPT', autoApprove: false, policyNumber: 'POL-1', acceptedBy: 'user-worker-1', at: placedLate })
      .events();
    expect(event).toEqual(workerPlaced('PENDING_LENDER', placedLate));
    expect(event.data).toMatchObject({ decisionDueAt: at(STARTS_AT) });
  });

  it('leaves decided placements alone', () => {
    given(placement, [confirmed]).when({ type: 'ExpirePlacement', at: STARTS_AT }).then([]);
    given(placement, [pending, approved]).when({ type: 'ExpirePlacement', at: STARTS_AT }).then([]);
    given(placement, []).when({ type: 'ExpirePlacement', at: STARTS_AT }).then([]);
  });
});

describe('Placement: cancellation', () => {
  const dayBefore = minutesBefore(STARTS_AT, 24 * 60);
  const lessThanADayBefore = minutesBefore(STARTS_AT, 24 * 60 - 1);
  const cancelled = (by: CancelPlacement['by'], when: Date, late: boolean, fee: string, statusBefore: PlacementStatus = 'CONFIRMED'): PlacementEvent[] => [
    {
      type: 'PlacementCancelled',
      data: { placementId: 'placement-1', by, reason: 'Plans changed', at: at(when), late, fee, currency: 'CNY', statusBefore },
    },
  ];

  it('charges the retailer 2 hours at the rate for a late cancellation of a confirmed placement', () => {
    given(placement, [confirmed]).when(cancel('RETAILER', lessThanADayBefore)).then(cancelled('RETAILER', lessThanADayBefore, true, '60.50'));
  });

  it('is not late exactly 24 hours before the start', () => {
    given(placement, [confirmed]).when(cancel('RETAILER', dayBefore)).then(cancelled('RETAILER', dayBefore, false, '0.00'));
  });

  it('charges nothing for a late cancellation by the worker, the lender or the platform, but marks it late', () => {
    for (const by of ['WORKER', 'LENDER', 'PLATFORM'] as const) {
      given(placement, [confirmed]).when(cancel(by, lessThanADayBefore)).then(cancelled(by, lessThanADayBefore, true, '0.00'));
    }
  });

  it('charges nothing for a pending placement or an invitation', () => {
    const pendingLate = workerPlaced('PENDING_LENDER', minutesBefore(STARTS_AT, 60));
    const when = minutesBefore(STARTS_AT, 30);
    given(placement, [pendingLate]).when(cancel('RETAILER', when)).then(cancelled('RETAILER', when, true, '0.00', 'PENDING_LENDER'));
    given(placement, [invited]).when(cancel('RETAILER', lessThanADayBefore)).then(cancelled('RETAILER', lessThanADayBefore, true, '0.00', 'INVITED'));
  });

  it('records the cancellation on the placement', () => {
    const [event] = cancelled('RETAILER', lessThanADayBefore, true, '60.50');
    expect(given(placement, [confirmed, event]).state).toMatchObject({
      status: 'CANCELLED',
      cancellation: { by: 'RETAILER', reason: 'Plans changed', at: at(lessThanADayBefore), late: true, fee: '60.50' },
    });
  });

  it('refuses to cancel a finished placement, a lapsed one, or without a reason', () => {
    const [event] = cancelled('WORKER', dayBefore, false, '0.00');
    given(placement, [confirmed, event]).when(cancel('RETAILER', dayBefore)).thenRefuses('INVALID_TRANSITION');
    given(placement, [pending]).when(cancel('WORKER', minutesAfter(POSTED_AT, 120))).thenRefuses('INVALID_TRANSITION');
    given(placement, []).when(cancel('WORKER', POSTED_AT)).thenRefuses('INVALID_TRANSITION');
    expect(fieldAtFault(() => placement.decide({ ...cancel('WORKER', POSTED_AT), reason: '  ' }, given(placement, [confirmed]).state))).toBe('reason');
  });

  it('rounds the fee to cents', () => {
    expect(lateCancellationFee('30.25')).toBe('60.50');
    expect(lateCancellationFee('35.5')).toBe('71.00');
    expect(lateCancellationFee('0.00')).toBe('0.00');
  });
});
