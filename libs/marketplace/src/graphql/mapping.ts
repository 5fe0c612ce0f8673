import { encodeCursor } from '@blue-ocean/api';
import type { JobRole } from '@blue-ocean/workforce';
import { INSURANCE_COVERAGE, policyNumberFor } from '../domain/insurance';
import type { PlacementRow, ShiftPostingRow } from '../projections/marketplace.entities';
import { CancelledBy, PlacementStatus, PlacementType, ShiftPostingType, ShiftStatus } from './marketplace.types';

export function toShiftPosting(row: ShiftPostingRow, distanceKm: number | null = null): ShiftPostingType {
  return {
    id: row.id,
    siteId: row.siteId,
    retailerId: row.retailerId,
    role: row.role as JobRole,
    title: row.title,
    description: row.description,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    unpaidBreakMinutes: row.unpaidBreakMinutes,
    slots: row.slots,
    slotsFilled: row.slotsFilled,
    hourlyRate: money(row.hourlyRate),
    currency: row.currency,
    requiresGreenCode: row.requiresGreenCode,
    status: row.status as ShiftStatus,
    distanceKm,
  };
}

export function toPlacement(row: PlacementRow): PlacementType {
  return {
    id: row.id,
    shiftId: row.shiftId,
    workerId: row.workerId,
    lenderId: row.lenderId,
    retailerId: row.retailerId,
    status: row.status as PlacementStatus,
    invitedAt: row.invitedAt,
    confirmedAt: row.confirmedAt,
    checkInAt: row.checkInAt,
    checkOutAt: row.checkOutAt,
    workedMinutes: row.workedMinutes,
    approvedMinutes: row.approvedMinutes,
    cancellation: row.cancelledBy
      ? { by: row.cancelledBy as CancelledBy, reason: row.cancellationReason ?? '', at: row.cancelledAt!, late: !!row.cancellationLate, fee: money(row.cancellationFee ?? '0') }
      : null,
    insurance: { policyNumber: row.policyNumber ?? policyNumberFor(row.id), coverage: money(row.coverage ?? INSURANCE_COVERAGE), currency: row.currency },
  };
}

export function edgesOf<R extends { createdAt: Date; id: string }, N>(rows: R[], map: (row: R) => N) {
  return rows.map((row) => ({ node: map(row), cursor: encodeCursor(row) }));
}

/** numeric columns come back as text: always two decimals, as the Decimal scalar promises. */
function money(value: string): string {
  const [whole, fraction = ''] = value.split('.');
  return `${whole}.${(fraction + '00').slice(0, 2)}`;
}
