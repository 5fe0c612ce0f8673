import { SettlementLine, SettlementLineKind } from './settlement.events';
import { sumMoney } from './money';

export interface SettlementTotals {
  grossPay: string;
  cancellationFees: string;
  platformFees: string;
  /** What the retailer pays: grossPay + cancellationFees + platformFees. */
  total: string;
}

export function settlementTotals(lines: readonly SettlementLine[]): SettlementTotals {
  const sumOf = (kind: SettlementLineKind) => sumMoney(lines.filter((line) => line.kind === kind).map((line) => line.amount));
  return {
    grossPay: sumOf('WAGES'),
    cancellationFees: sumOf('CANCELLATION_FEE'),
    platformFees: sumOf('PLATFORM_FEE'),
    total: sumMoney(lines.map((line) => line.amount)),
  };
}
