import { InvalidInput } from '@blue-ocean/kernel';
import { given } from '../../../../test/support/given';
import { settlement, SettlementCommand } from './settlement.decider';
import { SettlementEvent, SettlementLine } from './settlement.events';

const identity = { settlementId: 's-1', retailerId: 'hema', lenderId: 'hotel', businessDate: '2026-03-02', currency: 'CNY' };
const wages = (placementId: string, amount: string): SettlementLine => ({ placementId, kind: 'WAGES', amount });
const fee = (placementId: string, amount: string): SettlementLine => ({ placementId, kind: 'PLATFORM_FEE', amount });
const cancellationFee = (placementId: string, amount: string): SettlementLine => ({ placementId, kind: 'CANCELLATION_FEE', amount });

const opened: SettlementEvent = { type: 'SettlementOpened', data: identity };
const added = (line: SettlementLine): SettlementEvent => ({ type: 'SettlementLineAdded', data: line });
const paid: SettlementEvent = { type: 'SettlementPaid', data: { paymentReference: 'PAY-1', at: '2026-03-02T10:00:00.000Z', placementIds: ['p-1'] } };

const addLines = (...lines: SettlementLine[]): SettlementCommand => ({ type: 'AddLines', settlement: identity, lines });
const removeLines = (placementId: string): SettlementCommand => ({ type: 'RemovePlacementLines', placementId });
const pay = (paymentReference = 'PAY-1', at = new Date('2026-03-02T10:00:00Z')): SettlementCommand => ({ type: 'RecordPayment', paymentReference, at });
const invoice = (at: string): SettlementCommand => ({ type: 'Invoice', at: new Date(at), timeZone: 'Asia/Shanghai' });

function refusal(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('settlement', () => {
  describe('adding lines', () => {
    it('opens the settlement with its first lines', () => {
      given(settlement, [])
        .when(addLines(wages('p-1', '285'), fee('p-1', '14.25')))
        .then([opened, added(wages('p-1', '285.00')), added(fee('p-1', '14.25'))]);
    });

    it('adds to an open settlement', () => {
      given(settlement, [opened, added(wages('p-1', '285.00'))])
        .when(addLines(cancellationFee('p-2', '60.00')))
        .then([added(cancellationFee('p-2', '60.00'))]);
    });

    it('ignores a line the placement already has, so a repeated approval cannot bill twice', () => {
      given(settlement, [opened, added(wages('p-1', '285.00'))]).when(addLines(wages('p-1', '285.00'))).then([]);
    });

    it('refuses another amount for a line the placement already has', () => {
      given(settlement, [opened, added(wages('p-1', '285.00'))]).when(addLines(wages('p-1', '200.00'))).thenRefuses('INVALID_TRANSITION');
    });

    it('refuses lines meant for another settlement', () => {
      const otherDay: SettlementCommand = { type: 'AddLines', settlement: { ...identity, businessDate: '2026-03-03' }, lines: [wages('p-2', '1.00')] };
      given(settlement, [opened, added(wages('p-1', '285.00'))]).when(otherDay).thenRefuses('INVALID_TRANSITION');
    });

    it('is SETTLEMENT_CLOSED once paid: the caller opens a new settlement for the same day', () => {
      given(settlement, [opened, added(wages('p-1', '285.00')), paid]).when(addLines(wages('p-2', '100.00'))).thenRefuses('SETTLEMENT_CLOSED');
    });

    it('adds to an invoiced settlement, which is not paid yet', () => {
      given(settlement, [opened, added(wages('p-1', '285.00')), { type: 'SettlementInvoiced', data: { at: '2026-03-03T00:00:00.000Z' } }])
        .when(addLines(wages('p-2', '100.00')))
        .then([added(wages('p-2', '100.00'))]);
    });

    it.each([
      [[], 'lines'],
      [[wages('p-1', '-1.00')], 'amount'],
      [[wages('p-1', '1.001')], 'amount'],
      [[{ placementId: 'p-1', kind: 'TIP', amount: '1.00' } as unknown as SettlementLine], 'kind'],
    ])('refuses the lines %j as bad input', (lines, field) => {
      expect(refusal(() => settlement.decide({ type: 'AddLines', settlement: identity, lines }, settlement.initialState()))).toMatchObject({
        name: 'InvalidInput',
        field,
      });
    });
  });

  describe('removing a disputed placement\'s lines', () => {
    it('takes out every line of the placement', () => {
      given(settlement, [opened, added(wages('p-1', '285.00')), added(fee('p-1', '14.25')), added(wages('p-2', '100.00'))])
        .when(removeLines('p-1'))
        .then([{ type: 'SettlementLinesRemoved', data: { placementId: 'p-1', lines: [wages('p-1', '285.00'), fee('p-1', '14.25')] } }]);
    });

    it('does nothing when the placement has no lines here', () => {
      given(settlement, [opened, added(wages('p-1', '285.00'))]).when(removeLines('p-9')).then([]);
    });

    it('is SETTLEMENT_CLOSED once paid', () => {
      given(settlement, [opened, added(wages('p-1', '285.00')), paid]).when(removeLines('p-1')).thenRefuses('SETTLEMENT_CLOSED');
    });

    it('lets the placement be billed again after a new approval', () => {
      const { state } = given(settlement, [
        opened,
        added(wages('p-1', '285.00')),
        { type: 'SettlementLinesRemoved', data: { placementId: 'p-1', lines: [wages('p-1', '285.00')] } },
      ]);
      expect(settlement.decide(addLines(wages('p-1', '240.00')), state)).toEqual([added(wages('p-1', '240.00'))]);
    });
  });

  describe('recording the payment', () => {
    it('pays as soon as there is a line, and names the placements whose wages it paid', () => {
      given(settlement, [opened, added(cancellationFee('p-0', '60.00')), added(wages('p-1', '285.00')), added(fee('p-1', '14.25'))])
        .when(pay(' PAY-1 '))
        .then([{ type: 'SettlementPaid', data: { paymentReference: 'PAY-1', at: '2026-03-02T10:00:00.000Z', placementIds: ['p-1'] } }]);
    });

    it('is SETTLEMENT_CLOSED when already paid', () => {
      given(settlement, [opened, added(wages('p-1', '285.00')), paid]).when(pay('PAY-2')).thenRefuses('SETTLEMENT_CLOSED');
    });

    it('needs at least one line', () => {
      given(settlement, [opened]).when(pay()).thenRefuses('INVALID_TRANSITION');
      given(settlement, [opened, added(wages('p-1', '285.00')), { type: 'SettlementLinesRemoved', data: { placementId: 'p-1', lines: [wages('p-1', '285.00')] } }])
        .when(pay())
        .thenRefuses('INVALID_TRANSITION');
      given(settlement, []).when(pay()).thenRefuses('INVALID_TRANSITION');
    });

    it('needs a payment reference', () => {
      const { state } = given(settlement, [opened, added(wages('p-1', '285.00'))]);
      const error = refusal(() => settlement.decide(pay('   '), state));
      expect(error).toBeInstanceOf(InvalidInput);
      expect(error).toMatchObject({ field: 'paymentReference' });
    });

    it('pays an invoiced settlement', () => {
      given(settlement, [opened, added(wages('p-1', '285.00')), { type: 'SettlementInvoiced', data: { at: '2026-03-03T00:00:00.000Z' } }])
        .when(pay())
        .then([paid]);
    });
  });

  describe('invoicing', () => {
    // 2026-03-02 ends at 16:00 UTC in Shanghai.
    it('invoices an open settlement with lines once its business date has ended', () => {
      given(settlement, [opened, added(wages('p-1', '285.00'))])
        .when(invoice('2026-03-02T16:00:00Z'))
        .then([{ type: 'SettlementInvoiced', data: { at: '2026-03-02T16:00:00.000Z' } }]);
    });

    it('waits for the business date to end in the site\'s time zone', () => {
      given(settlement, [opened, added(wages('p-1', '285.00'))]).when(invoice('2026-03-02T15:59:59Z')).thenRefuses('INVALID_TRANSITION');
    });

    it('refuses a settlement without lines', () => {
      given(settlement, [opened]).when(invoice('2026-03-04T00:00:00Z')).thenRefuses('INVALID_TRANSITION');
    });

    it('leaves a paid settlement paid, and an invoiced one as it is', () => {
      given(settlement, [opened, added(wages('p-1', '285.00')), paid]).when(invoice('2026-03-04T00:00:00Z')).then([]);
      given(settlement, [opened, added(wages('p-1', '285.00')), { type: 'SettlementInvoiced', data: { at: '2026-03-03T00:00:00.000Z' } }])
        .when(invoice('2026-03-04T00:00:00Z'))
        .then([]);
    });
  });

  it('folds its history into the state', () => {
    const { state } = given(settlement, [opened, added(wages('p-1', '285.00')), added(fee('p-1', '14.25')), paid]);
    expect(state).toEqual({
      ...identity,
      status: 'PAID',
      lines: [wages('p-1', '285.00'), fee('p-1', '14.25')],
      paymentReference: 'PAY-1',
      paidAt: '2026-03-02T10:00:00.000Z',
    });
  });
});
