import { InvalidInput } from '@blue-ocean/kernel';
import { PlacementWorked, summarizeEarnings } from './earnings';

const worked = (change: Partial<PlacementWorked>): PlacementWorked => ({
  status: 'APPROVED',
  businessDate: '2026-03-02',
  approvedMinutes: 480,
  grossPay: '240.00',
  currency: 'CNY',
  ...change,
});

describe('summarizeEarnings', () => {
  const range = { from: '2026-03-01', until: '2026-03-31', currency: 'CNY' };

  it('sums approved, disputed and settled placements', () => {
    const placements = [
      worked({}),
      worked({ status: 'DISPUTED', approvedMinutes: 60, grossPay: '30.00' }),
      worked({ status: 'SETTLED', approvedMinutes: 540, grossPay: '285.00' }),
      worked({ status: 'CHECKED_OUT' }),
      worked({ status: 'CANCELLED' }),
    ];
    expect(summarizeEarnings(placements, range)).toEqual({
      from: '2026-03-01',
      until: '2026-03-31',
      placements: 3,
      approvedMinutes: 1080,
      grossPay: '555.00',
      currency: 'CNY',
    });
  });

  it('counts both ends of the range and nothing outside it', () => {
    const placements = ['2026-02-28', '2026-03-01', '2026-03-31', '2026-04-01'].map((businessDate) => worked({ businessDate }));
    expect(summarizeEarnings(placements, range).placements).toBe(2);
  });

  it('leaves out placements paid in another currency', () => {
    expect(summarizeEarnings([worked({}), worked({ currency: 'HKD' })], range).grossPay).toBe('240.00');
  });

  it('is zero without placements', () => {
    expect(summarizeEarnings([], range)).toMatchObject({ placements: 0, approvedMinutes: 0, grossPay: '0.00' });
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => summarizeEarnings([], { ...range, until: '2026-02-01' })).toThrow(InvalidInput);
    expect(() => summarizeEarnings([], { ...range, from: '1 March' })).toThrow(InvalidInput);
  });
});
