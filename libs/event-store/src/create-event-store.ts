import type { Pool } from 'pg';
import type { EventStore } from './event-store.port';
import { KurrentEventStore } from './kurrent/kurrent-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';

export interface EventStoreConfig {
  /** The application's pool: the PostgreSQL store uses it (and does not end it on close). */
  pool: Pool;
  /** `kurrentdb://…` or `esdb://…` selects KurrentDB; anything else (or nothing) PostgreSQL. */
  eventStoreUrl?: string;
}

export function createEventStore({ pool, eventStoreUrl }: EventStoreConfig): EventStore {
  if (eventStoreUrl && /^(kurrentdb|esdb)(\+discover)?:\/\//.test(eventStoreUrl)) {
    return new KurrentEventStore(eventStoreUrl);
  }
  return new PostgresEventStore(pool);
}
