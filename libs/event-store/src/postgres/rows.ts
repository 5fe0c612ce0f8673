import type { EventMetadata, RecordedEvent } from '../event-store.port';
import { encodePosition } from '../position';

/** Anything that runs a query: the pool, or a client inside the caller's own transaction. */
export interface Queryable {
  query<R extends object>(query: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: R[] }>;
}

/** The columns every event read selects; bigint and xid8 arrive as strings. */
export const EVENT_COLUMNS = 'stream_id, revision, event_id, type, data, metadata, transaction_id, position';

export interface EventRow {
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  transaction_id: string;
  position: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: Number(row.revision),
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    position: encodePosition(row.transaction_id, row.position),
  };
}
