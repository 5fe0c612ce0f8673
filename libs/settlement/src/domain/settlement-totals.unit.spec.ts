import { settlementTotals } from './settlement-totals';

describe('settlementTotals', () => {
  it('sums each kind of line, and all of them', () => {
    expect(
      settlementTotals([
        { placementId: 'p-1', kind: 'WAGES', amount: '285.00' },
        { placementId: 'p-1', kind: 'PLATFORM_FEE', amount: '14.25' },
        { placementId: 'p-2', kind: 'WAGES', amount: '0.10' },
        { placementId: 'p-3', kind: 'CANCELLATION_FEE', amount: '60.00' },
      ]),
    ).toEqual({ grossPay: '285.10', cancellationFees: '60.00', platformFees: '14.25', total: '359.35' });
  });

  it('is zero without lines', () => {
    expect(settlementTotals([])).toEqual({ grossPay: '0.00', cancellationFees: '0.00', platformFees: '0.00', total: '0.00' });
  });
});
