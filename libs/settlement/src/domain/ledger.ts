import { formatMoney, negateMoney } from './money';
import { SettlementLine } from './settlement.events';

export const retailerPayable = (retailerId: string) => `retailer:${retailerId}:payable`;
export const lenderReceivable = (lenderId: string) => `lender:${lenderId}:receivable`;
export const PLATFORM_FEES = 'platform:fees';

export interface SettlementParties {
  retailerId: string;
  lenderId: string;
}

/** One entry of a posting, before the ledger gives it an id, a time, a currency and its settlement. */
export interface LedgerEntryDraft {
  account: string;
  amount: string;
}

/**
 * Double entry: the retailer owes the line's amount, and it is owed to the lender (wages,
 * cancellation fees) or to the platform (platform fees). The entries sum to zero.
 */
export function postingsForLine(line: Omit<SettlementLine, 'placementId'>, parties: SettlementParties): LedgerEntryDraft[] {
  const creditor = line.kind === 'PLATFORM_FEE' ? PLATFORM_FEES : lenderReceivable(parties.lenderId);
  return [
    { account: retailerPayable(parties.retailerId), amount: negateMoney(line.amount) },
    { account: creditor, amount: formatMoney(line.amount) },
  ];
}

/** A line taken out on a dispute is reversed: the same entries with the opposite sign. */
export function reversalsForLine(line: Omit<SettlementLine, 'placementId'>, parties: SettlementParties): LedgerEntryDraft[] {
  return postingsForLine(line, parties).map((entry) => ({ account: entry.account, amount: negateMoney(entry.amount) }));
}
