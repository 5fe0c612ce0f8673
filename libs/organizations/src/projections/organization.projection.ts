import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@blue-ocean/event-store';
import { applyInRuns, type Projection, type RunWriter } from '@blue-ocean/persistence';
import type { OrganizationEvent } from '../domain/events';
import { MembershipRow, OrganizationRow } from './organization.entities';

type SiteAdded = Extract<OrganizationEvent, { type: 'SiteAdded' }> & Pick<RecordedEvent, 'metadata'>;

/** The events that only add rows: a run of them in the log (a retailer's sites, by the thousand) is written by one statement. */
const INSERTS: Partial<Record<string, RunWriter>> = {
  SiteAdded: sitesAdded,
};

export const organizationProjection: Projection = {
  name: 'organizations',
  tables: ['memberships', 'sites', 'organizations'],
  async apply(recorded: RecordedEvent, db: EntityManager) {
    const insert = INSERTS[recorded.type];
    if (insert) return insert([recorded], db);
    const event = recorded as unknown as OrganizationEvent;
    const at = new Date(recorded.metadata.occurredAt);
    switch (event.type) {
      case 'OrganizationRegistered': {
        const { organizationId, name, kinds, industry, city, timezone } = event.data;
        await db.insert(OrganizationRow, { id: organizationId, name, kinds, industry, city, timezone, verification: 'PENDING', createdAt: at });
        return;
      }
      case 'MemberAdded':
        await db.insert(MembershipRow, { organizationId: event.data.organizationId, userId: event.data.userId, role: event.data.role, createdAt: at });
        return;
      case 'OrganizationVerified':
        await db.update(OrganizationRow, { id: event.data.organizationId }, { verification: 'VERIFIED' });
        return;
      case 'OrganizationRejected':
        await db.update(OrganizationRow, { id: event.data.organizationId }, { verification: 'REJECTED' });
        return;
    }
  },
  /** Consecutive events of one insert are written together; every other event is applied alone, in the log's order. */
  applyBatch(events: readonly RecordedEvent[], db: EntityManager) {
    return applyInRuns(events, db, { writers: INSERTS, applyOne: (event, tx) => this.apply(event, tx) });
  },
};

/** unnest() takes one array per column: one statement for the whole run. */
async function sitesAdded(events: readonly RecordedEvent[], db: EntityManager): Promise<void> {
  const added = events as unknown as SiteAdded[];
  const d = added.map((e) => e.data);
  await db.query(
    `INSERT INTO sites (id, organization_id, name, address, lat, lng, check_in_radius_meters, created_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::int[], $8::timestamptz[])`,
    [
      d.map((s) => s.siteId), d.map((s) => s.organizationId), d.map((s) => s.name), d.map((s) => s.address),
      d.map((s) => s.location.lat), d.map((s) => s.location.lng), d.map((s) => s.checkInRadiusMeters),
      added.map((e) => e.metadata.occurredAt),
    ],
  );
}
