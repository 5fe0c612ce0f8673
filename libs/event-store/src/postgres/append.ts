import type { AppendResult, ExpectedRevision, NewEvent, StreamAppend } from '../event-store.port';
import { WrongExpectedRevision } from '../event-store.port';
import { encodePosition, START_POSITION } from '../position';
import type { Queryable } from './rows';

/*
 * Appends are one call of a SQL function from the migration (one round trip): `append_to_stream`
 * for one stream, `append_to_streams` for several. Both run as named prepared statements, which
 * saves PostgreSQL parsing and planning them on every append.
 * Run them on the pool (the call is its own transaction) or on a client inside a transaction of
 * yours, to append together with other writes. Unlike PostgresEventStore's methods these wake no
 * subscription: they see such events at their next poll.
 */

/** The SQLSTATE `append_to_streams` raises when an expectation does not hold. */
const WRONG_EXPECTED_REVISION = 'BO409';

interface AppendRow {
  next_revision: string;
  last_transaction_id: string | null;
  last_position: string | null;
}

export async function appendToStream(
  db: Queryable,
  streamId: string,
  events: NewEvent[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const { rows } = await db.query<AppendRow & { ok: boolean }>({
    name: 'event-store-append',
    text: 'SELECT ok, next_revision, last_transaction_id, last_position FROM append_to_stream($1, $2, $3::jsonb)',
    values: [streamId, expectedCode(expected), JSON.stringify(events.map(eventJson))],
  });
  const [row] = rows;
  if (!row.ok) throw new WrongExpectedRevision(streamId, expected, actualRevision(row.next_revision));
  return toAppendResult(row);
}

/** All are written or none; a wrong expectation throws WrongExpectedRevision for its stream. */
export async function appendToStreams(db: Queryable, appends: StreamAppend[]): Promise<AppendResult[]> {
  if (appends.length === 0) return [];
  const payload = appends.map(({ streamId, expected, events }) => ({
    streamId,
    expected: expectedCode(expected),
    events: events.map(eventJson),
  }));
  try {
    const { rows } = await db.query<AppendRow>({
      name: 'event-store-append-many',
      text: 'SELECT next_revision, last_transaction_id, last_position FROM append_to_streams($1::jsonb)',
      values: [JSON.stringify(payload)],
    });
    return rows.map(toAppendResult);
  } catch (error) {
    const { code, detail } = error as { code?: string; detail?: string };
    if (code !== WRONG_EXPECTED_REVISION || !detail) throw error;
    const { index, actual } = JSON.parse(detail) as { index: number; actual: number };
    const { streamId, expected } = appends[index];
    throw new WrongExpectedRevision(streamId, expected, actualRevision(actual));
  }
}

/** True for the unique-key error two concurrent retries of the same 'any' append can meet; see PostgresEventStore. */
export function isDuplicateEventId(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '23505' && constraint === 'events_stream_id_event_id_key';
}

/** EventStoreDB's codes, as the SQL functions expect them. */
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

function eventJson({ id, type, data, metadata }: NewEvent) {
  return { id, type, data, metadata };
}

function actualRevision(revision: string | number): number | 'no_stream' {
  return Number(revision) < 0 ? 'no_stream' : Number(revision);
}

function toAppendResult(row: AppendRow): AppendResult {
  return {
    nextRevision: Number(row.next_revision),
    position: row.last_position === null ? START_POSITION : encodePosition(row.last_transaction_id!, row.last_position),
  };
}
