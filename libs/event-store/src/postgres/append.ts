import type { AppendResult, ExpectedRevision, StreamAppend } from '../event-store.port';
import { WrongExpectedRevision } from '../event-store.port';
import { encodePosition, START_POSITION } from '../position';
import type { Queryable } from './rows';

/** The SQLSTATE `append_to_streams` raises when an expectation does not hold (see the migration). */
const WRONG_EXPECTED_REVISION = 'BO409';

interface AppendRow {
  next_revision: string;
  last_transaction_id: string | null;
  last_position: string | null;
}

/**
 * Appends to one or more streams in a single call of the `append_to_streams` SQL function:
 * all are written or none. Run it on the pool (its own transaction) or on a client inside a
 * transaction of yours, to append together with other writes.
 */
export async function appendToStreams(db: Queryable, appends: StreamAppend[]): Promise<AppendResult[]> {
  if (appends.length === 0) return [];
  const payload = appends.map(({ streamId, expected, events }) => ({
    streamId,
    expected: expectedCode(expected),
    events: events.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
  }));
  try {
    const { rows } = await db.query<AppendRow>(
      'SELECT next_revision, last_transaction_id, last_position FROM append_to_streams($1::jsonb)',
      [JSON.stringify(payload)],
    );
    return rows.map((row) => ({
      nextRevision: Number(row.next_revision),
      position: row.last_position === null ? START_POSITION : encodePosition(row.last_transaction_id!, row.last_position),
    }));
  } catch (error) {
    throw asWrongExpectedRevision(error, appends) ?? error;
  }
}

/** True for the unique-key error two concurrent retries of the same 'any' append can meet; see PostgresEventStore. */
export function isDuplicateEventId(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '23505' && constraint === 'events_stream_id_event_id_key';
}

/** EventStoreDB's codes, as the SQL function expects them. */
function expectedCode(expected: ExpectedRevision): number {
  switch (expected) {
    case 'no_stream': return -1;
    case 'any': return -2;
    case 'stream_exists': return -4;
  }
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new RangeError(`Expected revision must be a non-negative integer, got ${expected}`);
  }
  return expected;
}

function asWrongExpectedRevision(error: unknown, appends: StreamAppend[]): WrongExpectedRevision | undefined {
  const { code, detail } = error as { code?: string; detail?: string };
  if (code !== WRONG_EXPECTED_REVISION || !detail) return undefined;
  const { index, actual } = JSON.parse(detail) as { index: number; actual: number };
  const { streamId, expected } = appends[index];
  return new WrongExpectedRevision(streamId, expected, actual < 0 ? 'no_stream' : actual);
}
