import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'workers' })
export class WorkerRow {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'employer_id' }) employerId: string;
  @Column('text', { name: 'full_name' }) fullName: string;
  @Column('text', { array: true }) skills: string[];
  @Column('double precision', { name: 'home_lat' }) homeLat: number;
  @Column('double precision', { name: 'home_lng' }) homeLng: number;
  @Column('integer', { name: 'max_hours_per_week' }) maxHoursPerWeek: number;
  @Column('text', { name: 'employer_time_zone' }) employerTimeZone: string;
  @Column('text', { name: 'claim_code_hash' }) claimCodeHash: string;
  @Column('uuid', { name: 'user_id', nullable: true }) userId: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}

export type HealthFactKind = 'DECLARATION' | 'ATTESTATION' | 'SCREENING';

@Entity({ name: 'worker_health_facts' })
export class HealthFactRow {
  @PrimaryColumn('uuid', { name: 'worker_id' }) workerId: string;
  @PrimaryColumn('bigint') revision: string;
  @Column('text') kind: HealthFactKind;
  @Column('timestamptz') at: Date;
  @Column('text', { name: 'declared_date', nullable: true }) declaredDate: string | null;
  @Column('boolean', { nullable: true }) clean: boolean | null;
  @Column('text', { nullable: true }) code: string | null;
  @Column('timestamptz', { name: 'valid_until', nullable: true }) validUntil: Date | null;
}

@Entity({ name: 'lending_offers' })
export class LendingOfferRow {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'worker_id' }) workerId: string;
  @Column('timestamptz', { name: 'available_from' }) availableFrom: Date;
  @Column('timestamptz', { name: 'available_until' }) availableUntil: Date;
  @Column('text', { array: true }) roles: string[];
  /** numeric: read back as an exact string such as "25.00". */
  @Column('numeric', { name: 'min_hourly_rate', precision: 14, scale: 2 }) minHourlyRate: string;
  @Column('double precision', { name: 'max_travel_km' }) maxTravelKm: number;
  @Column('boolean', { name: 'auto_approve' }) autoApprove: boolean;
  @Column('timestamptz', { name: 'offered_at' }) offeredAt: Date;
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt: Date | null;
}
