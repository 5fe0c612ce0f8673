import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@blue-ocean/event-store';
import type { Projection } from '@blue-ocean/persistence';
import type { UserEvent } from '../domain/events';
import { UserRow } from './user.entity';

export const userProjection: Projection = {
  name: 'users',
  tables: ['users'],
  async apply(recorded: RecordedEvent, db: EntityManager) {
    const event = recorded as unknown as UserEvent;
    if (event.type !== 'UserSignedUp') return;
    const { userId, email, displayName, passwordHash } = event.data;
    await db.insert(UserRow, { id: userId, email, displayName, passwordHash, createdAt: new Date(recorded.metadata.occurredAt) });
  },
};
