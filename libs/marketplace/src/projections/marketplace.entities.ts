import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WageBreakdown } from '../domain/events';

@Entity({ name: 'shift_postings' })
export class ShiftPostingRow {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'retailer_id' }) retailerId: string;
  @Column('uuid', { name: 'site_id' }) siteId: string;
  @Column('text', { name: 'site_time_zone' }) siteTimeZone: string;
  @Column('text') role: string;
  @Column('text') title: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('timestamptz', { name: 'starts_at' }) startsAt: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt: Date;
  @Column('integer', { name: 'unpaid_break_minutes' }) unpaidBreakMinutes: number;
  @Column('integer') slots: number;
  @Column('integer', { name: 'slots_filled' }) slotsFilled: number;
  @Column('numeric', { name: 'hourly_rate' }) hourlyRate: string;
  @Column('text') currency: string;
  @Column('boolean', { name: 'requires_green_code' }) requiresGreenCode: boolean;
  @Column('text') status: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}

@Entity({ name: 'placements' })
export class PlacementRow {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'shift_id' }) shiftId: string;
  @Column('uuid', { name: 'worker_id' }) workerId: string;
  @Column('uuid', { name: 'lender_id' }) lenderId: string;
  @Column('uuid', { name: 'retailer_id' }) retailerId: string;
  @Column('uuid', { name: 'site_id' }) siteId: string;
  @Column('text') status: string;
  @Column('timestamptz', { name: 'starts_at' }) startsAt: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt: Date;
  @Column('numeric', { name: 'hourly_rate' }) hourlyRate: string;
  @Column('text') currency: string;
  @Column('timestamptz', { name: 'invited_at', nullable: true }) invitedAt: Date | null;
  @Column('timestamptz', { name: 'confirmed_at', nullable: true }) confirmedAt: Date | null;
  @Column('timestamptz', { name: 'check_in_at', nullable: true }) checkInAt: Date | null;
  @Column('timestamptz', { name: 'check_out_at', nullable: true }) checkOutAt: Date | null;
  @Column('integer', { name: 'worked_minutes', nullable: true }) workedMinutes: number | null;
  @Column('integer', { name: 'approved_minutes', nullable: true }) approvedMinutes: number | null;
  @Column('text', { name: 'cancelled_by', nullable: true }) cancelledBy: string | null;
  @Column('text', { name: 'cancellation_reason', nullable: true }) cancellationReason: string | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true }) cancelledAt: Date | null;
  @Column('boolean', { name: 'cancellation_late', nullable: true }) cancellationLate: boolean | null;
  @Column('numeric', { name: 'cancellation_fee', nullable: true }) cancellationFee: string | null;
  @Column('text', { name: 'policy_number', nullable: true }) policyNumber: string | null;
  @Column('numeric', { nullable: true }) coverage: string | null;
  @Column('text', { name: 'cancelled_from_status', nullable: true }) cancelledFromStatus: string | null;
  @Column('text', { name: 'business_date', nullable: true }) businessDate: string | null;
  @Column('text', { name: 'adjustment_reason', nullable: true }) adjustmentReason: string | null;
  @Column('jsonb', { nullable: true }) wage: WageBreakdown | null;
  @Column('uuid', { name: 'settlement_id', nullable: true }) settlementId: string | null;
  @Column('integer', { name: 'rating_stars', nullable: true }) ratingStars: number | null;
  @Column('text', { name: 'rating_comment', nullable: true }) ratingComment: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
