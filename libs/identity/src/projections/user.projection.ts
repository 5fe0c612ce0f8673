import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@blue-ocean/event-store';
import type { Projection } from '@blue-ocean/persistence';
import type { UserEvent } from '../domain/events';

/** Users are only ever added, so a batch of sign-ups becomes one multi-row insert. */
export const userProjection: Projection = {
  name: 'users',
  tables: ['users'],
  async apply(recorded: RecordedEvent, db: EntityManager) {
    await this.applyBatch!([recorded], db);
  },
  async applyBatch(events: readonly RecordedEvent[], db: EntityManager) {
    const signUps = events.filter((recorded) => recorded.type === 'UserSignedUp');
    if (signUps.length === 0) return;
    const data = signUps.map((recorded) => (recorded as unknown as UserEvent).data);
    // unnest() sends one array per column: far cheaper than a statement (or an ORM insert) per row.
    await db.query(
      `INSERT INTO users (id, email, display_name, password_hash, created_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])`,
      [
        data.map((d) => d.userId),
        data.map((d) => d.email),
        data.map((d) => d.displayName),
        data.map((d) => d.passwordHash),
        signUps.map((recorded) => recorded.metadata.occurredAt),
      ],
    );
  },
};
