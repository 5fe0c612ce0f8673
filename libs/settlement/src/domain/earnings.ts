import { InvalidInput } from '@blue-ocean/kernel';
import { assertCurrency, sumMoney, ZERO_MONEY } from './money';

/** What earnings needs to know of one of the worker's placements. */
export interface PlacementWorked {
  status: string;
  /** The local date of the shift's start at the site, "2026-03-02". */
  businessDate: string;
  approvedMinutes: number | null;
  grossPay: string | null;
  currency: string;
}

export interface EarningsSummary {
  from: string;
  until: string;
  placements: number;
  approvedMinutes: number;
  grossPay: string;
  currency: string;
}

/** Placements whose work was approved, whether since disputed or already settled. */
export const EARNING_STATUSES: readonly string[] = ['APPROVED', 'DISPUTED', 'SETTLED'];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Sums a worker's approved work with a business date in [from, until], both included.
 * One summary has one currency: placements paid in another currency are left out.
 */
export function summarizeEarnings(
  placements: readonly PlacementWorked[],
  range: { from: string; until: string; currency: string },
): EarningsSummary {
  const { from, until, currency } = range;
  if (!DATE.test(from)) throw new InvalidInput('from', 'from must be a date such as "2026-03-02".');
  if (!DATE.test(until)) throw new InvalidInput('until', 'until must be a date such as "2026-03-02".');
  if (until < from) throw new InvalidInput('until', 'until must not be before from.');
  assertCurrency(currency);

  const counted = placements.filter(
    (placement) =>
      EARNING_STATUSES.includes(placement.status) &&
      placement.currency === currency &&
      from <= placement.businessDate &&
      placement.businessDate <= until,
  );
  return {
    from,
    until,
    placements: counted.length,
    approvedMinutes: counted.reduce((minutes, placement) => minutes + (placement.approvedMinutes ?? 0), 0),
    grossPay: sumMoney(counted.map((placement) => placement.grossPay ?? ZERO_MONEY)),
    currency,
  };
}
