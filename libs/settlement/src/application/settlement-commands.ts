import type { Caller } from '@blue-ocean/api';

/** approveTimesheet: a retailer member approves measured (or adjusted) minutes. */
export class ApproveTimesheet {
  constructor(
    readonly caller: Caller,
    readonly placementId: string,
    readonly approvedMinutes: number | null,
    readonly adjustmentReason: string | null,
  ) {}
}

/** From the AUTO_APPROVAL timer, 24 hours after check-out: approved as measured. */
export class AutoApproveTimesheet {
  constructor(readonly placementId: string) {}
}

/** disputeTimesheet: the worker or the lender's members. */
export class DisputeTimesheet {
  constructor(
    readonly caller: Caller,
    readonly placementId: string,
    readonly reason: string,
  ) {}
}

/** recordSettlementPayment: the retailer's members. */
export class RecordSettlementPayment {
  constructor(
    readonly caller: Caller,
    readonly settlementId: string,
    readonly paymentReference: string,
  ) {}
}

/** From the process manager, for a PlacementCancelled with a fee: bills it once. */
export class BillCancellationFee {
  constructor(
    readonly placementId: string,
    /** Who cancelled (the event's actor) and which event asked, for the events' metadata. */
    readonly actor: string | null,
    readonly correlationId: string,
  ) {}
}

/** From the SETTLEMENT_INVOICE timer, once the business date has ended. */
export class InvoiceSettlement {
  constructor(readonly settlementId: string) {}
}
