import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'settlements' })
export class SettlementRow {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'retailer_id' }) retailerId: string;
  @Column('uuid', { name: 'lender_id' }) lenderId: string;
  @Column('text', { name: 'business_date' }) businessDate: string;
  @Column('text') currency: string;
  @Column('text', { name: 'time_zone' }) timeZone: string;
  @Column('text') status: string;
  @Column('numeric', { name: 'gross_pay' }) grossPay: string;
  @Column('numeric', { name: 'cancellation_fees' }) cancellationFees: string;
  @Column('numeric', { name: 'platform_fees' }) platformFees: string;
  @Column('numeric') total: string;
  @Column('integer', { name: 'line_count' }) lineCount: number;
  @Column('text', { name: 'payment_reference', nullable: true }) paymentReference: string | null;
  @Column('timestamptz', { name: 'paid_at', nullable: true }) paidAt: Date | null;
  @Column('timestamptz', { name: 'invoiced_at', nullable: true }) invoicedAt: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

@Entity({ name: 'settlement_lines' })
export class SettlementLineRow {
  @PrimaryColumn('uuid', { name: 'settlement_id' }) settlementId: string;
  @PrimaryColumn('uuid', { name: 'placement_id' }) placementId: string;
  @PrimaryColumn('text') kind: string;
  @Column('numeric') amount: string;
  /** Insertion order: lines are listed in the order they were added. */
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}

@Entity({ name: 'ledger_entries' })
export class LedgerEntryRow {
  @PrimaryColumn('uuid') id: string;
  /** Posting order across the whole ledger; `ledger(after:)` pages on it. */
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column('timestamptz') at: Date;
  @Column('text') account: string;
  /** The organization whose account it is; null for platform:fees. */
  @Column('uuid', { name: 'owner_id', nullable: true }) ownerId: string | null;
  @Column('numeric') amount: string;
  @Column('text') currency: string;
  @Column('uuid', { name: 'settlement_id', nullable: true }) settlementId: string | null;
  @Column('uuid', { name: 'placement_id', nullable: true }) placementId: string | null;
  /** The settlement line it posts (WAGES, CANCELLATION_FEE, PLATFORM_FEE). */
  @Column('text') kind: string;
  /** POSTING for a line added, REVERSAL for a line taken out by a dispute. */
  @Column('text') entry: string;
}
