export * from './event-store.port';
export * from './position';
export * from './create-event-store';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { appendToStream, appendToStreams } from './postgres/append';
export type { Queryable } from './postgres/rows';
export { KurrentEventStore, type KurrentEventStoreOptions } from './kurrent/kurrent-event-store';
export { EventStoreTimeout } from './kurrent/with-timeout';
