import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'organizations' })
export class OrganizationRow {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text', { array: true }) kinds: string[];
  @Column('text') industry: string;
  @Column('text') city: string;
  @Column('text') timezone: string;
  @Column('text') verification: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}

@Entity({ name: 'sites' })
export class SiteRow {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column('text') name: string;
  @Column('text') address: string;
  @Column('double precision') lat: number;
  @Column('double precision') lng: number;
  @Column('integer', { name: 'check_in_radius_meters' }) checkInRadiusMeters: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}

@Entity({ name: 'memberships' })
export class MembershipRow {
  @PrimaryColumn('uuid', { name: 'organization_id' }) organizationId: string;
  @PrimaryColumn('uuid', { name: 'user_id' }) userId: string;
  @Column('text') role: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
