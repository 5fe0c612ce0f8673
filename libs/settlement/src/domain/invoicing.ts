import type { SettlementState } from './settlement.decider';

/**
 * "A settlement with every placement of its day settled or final becomes INVOICED after the
 * business date ends." Read here as: no placement of that retailer, lender and business date can
 * still bring a line or change one, short of a dispute: each has its timesheet settled (APPROVED,
 * or SETTLED by a payment) or has ended without work (CANCELLED, NO_SHOW, REJECTED, EXPIRED,
 * DECLINED). Placements still to be worked or approved (INVITED, PENDING_LENDER, CONFIRMED,
 * CHECKED_IN, CHECKED_OUT) and DISPUTED ones hold the invoice back. INVOICED is not closed: a
 * dispute may still take lines out until the settlement is PAID.
 */
export const DAY_DONE_STATUSES: readonly string[] = ['APPROVED', 'SETTLED', 'CANCELLED', 'NO_SHOW', 'REJECTED', 'EXPIRED', 'DECLINED'];

/** How long to wait before looking again when a day is not done yet. */
export const INVOICE_RECHECK_MS = 60 * 60_000;

/** The placements whose wages a payment settles (MarkSettled), in line order. */
export function wagePlacementIds(state: SettlementState): string[] {
  if (state.status === 'none') return [];
  return [...new Set(state.lines.filter((line) => line.kind === 'WAGES').map((line) => line.placementId))];
}
