export type SettlementLineKind = 'WAGES' | 'CANCELLATION_FEE' | 'PLATFORM_FEE';

/** One amount the retailer owes for one placement; `amount` is money text such as "240.00". */
export interface SettlementLine {
  placementId: string;
  kind: SettlementLineKind;
  amount: string;
}

/**
 * One retailer owes one lender, for one business date (the site's local date), in one currency.
 * `timeZone`: the site's, which says when the business date ends (for invoicing).
 */
export interface SettlementOpened {
  type: 'SettlementOpened';
  data: { settlementId: string; retailerId: string; lenderId: string; businessDate: string; currency: string; timeZone?: string };
}

export interface SettlementLineAdded {
  type: 'SettlementLineAdded';
  data: SettlementLine;
}

/** A disputed timesheet takes its placement's lines out; they are listed so the ledger can reverse them. */
export interface SettlementLinesRemoved {
  type: 'SettlementLinesRemoved';
  data: { placementId: string; lines: SettlementLine[] };
}

/** `placementIds`: the placements whose wages were paid; they become SETTLED. */
export interface SettlementPaid {
  type: 'SettlementPaid';
  data: { paymentReference: string; at: string; placementIds: string[] };
}

export interface SettlementInvoiced {
  type: 'SettlementInvoiced';
  data: { at: string };
}

export type SettlementEvent =
  | SettlementOpened
  | SettlementLineAdded
  | SettlementLinesRemoved
  | SettlementPaid
  | SettlementInvoiced;
