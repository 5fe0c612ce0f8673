import fc from 'fast-check';
import { postingsForLine, reversalsForLine } from './ledger';
import { Decimal, formatMoney, sumMoney } from './money';
import { SettlementLine, SettlementLineKind } from './settlement.events';
import { settlementTotals } from './settlement-totals';

const parties = { retailerId: 'hema', lenderId: 'hotel' };

const balanceOf = (account: string, entries: { account: string; amount: string }[]) =>
  sumMoney(entries.filter((entry) => entry.account === account).map((entry) => entry.amount));

describe('ledger postings', () => {
  it('moves wages from the retailer\'s payable to the lender\'s receivable', () => {
    expect(postingsForLine({ kind: 'WAGES', amount: '285.00' }, parties)).toEqual([
      { account: 'retailer:hema:payable', amount: '-285.00' },
      { account: 'lender:hotel:receivable', amount: '285.00' },
    ]);
  });

  it('owes a cancellation fee to the lender', () => {
    expect(postingsForLine({ kind: 'CANCELLATION_FEE', amount: '60' }, parties)).toEqual([
      { account: 'retailer:hema:payable', amount: '-60.00' },
      { account: 'lender:hotel:receivable', amount: '60.00' },
    ]);
  });

  it('owes the platform fee to the platform', () => {
    expect(postingsForLine({ kind: 'PLATFORM_FEE', amount: '14.25' }, parties)).toEqual([
      { account: 'retailer:hema:payable', amount: '-14.25' },
      { account: 'platform:fees', amount: '14.25' },
    ]);
  });

  it('reverses a line taken out on a dispute', () => {
    expect(reversalsForLine({ kind: 'WAGES', amount: '285.00' }, parties)).toEqual([
      { account: 'retailer:hema:payable', amount: '285.00' },
      { account: 'lender:hotel:receivable', amount: '-285.00' },
    ]);
  });

  describe('for any set of lines', () => {
    const anyLines = fc.array(
      fc.record({
        placementId: fc.constantFrom('p-1', 'p-2', 'p-3'),
        kind: fc.constantFrom<SettlementLineKind>('WAGES', 'CANCELLATION_FEE', 'PLATFORM_FEE'),
        amount: fc.integer({ min: 0, max: 99_999_999 }).map((cents) => formatMoney(new Decimal(cents).dividedBy(100))),
      }),
      { maxLength: 30 },
    );

    it('every posting sums to zero, and the retailer\'s payable is minus the settlement total', () => {
      fc.assert(
        fc.property(anyLines, (lines: SettlementLine[]) => {
          const postings = lines.map((line) => postingsForLine(line, parties));
          for (const entries of postings) expect(sumMoney(entries.map((entry) => entry.amount))).toBe('0.00');

          const ledger = postings.flat();
          const totals = settlementTotals(lines);
          expect(balanceOf('retailer:hema:payable', ledger)).toBe(formatMoney(new Decimal(totals.total).negated()));
          expect(balanceOf('lender:hotel:receivable', ledger)).toBe(sumMoney([totals.grossPay, totals.cancellationFees]));
          expect(balanceOf('platform:fees', ledger)).toBe(totals.platformFees);
        }),
      );
    });

    it('reversing every line brings every account back to zero', () => {
      fc.assert(
        fc.property(anyLines, (lines: SettlementLine[]) => {
          const ledger = lines.flatMap((line) => [...postingsForLine(line, parties), ...reversalsForLine(line, parties)]);
          for (const account of ['retailer:hema:payable', 'lender:hotel:receivable', 'platform:fees']) {
            expect(balanceOf(account, ledger)).toBe('0.00');
          }
        }),
      );
    });
  });
});
