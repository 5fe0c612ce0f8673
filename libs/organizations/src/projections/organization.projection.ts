import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@blue-ocean/event-store';
import type { Projection } from '@blue-ocean/persistence';
import type { OrganizationEvent } from '../domain/events';
import { MembershipRow, OrganizationRow, SiteRow } from './organization.entities';

export const organizationProjection: Projection = {
  name: 'organizations',
  tables: ['memberships', 'sites', 'organizations'],
  async apply(recorded: RecordedEvent, db: EntityManager) {
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
      case 'SiteAdded': {
        const { siteId, organizationId, name, address, location, checkInRadiusMeters } = event.data;
        await db.insert(SiteRow, { id: siteId, organizationId, name, address, lat: location.lat, lng: location.lng, checkInRadiusMeters, createdAt: at });
        return;
      }
    }
  },
};
