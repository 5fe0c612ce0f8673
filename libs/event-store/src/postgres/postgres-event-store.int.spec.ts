import type { RecordedEvent } from '../event-store.port';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { describeEventStoreContract, event, eventually, sleep, stream } from '../contract/event-store.contract';
import { appendToStreams } from './append';
import { PostgresEventStore } from './postgres-event-store';

describeEventStoreContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  const store = new PostgresEventStore(db.pool);
  return {
    store,
    cleanup: async () => {
      await store.close();
      await dropQuietly(db);
    },
  };
});

describe('PostgreSQL event store: a transaction that appends first but commits last', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.pool, { pollIntervalMs: 100 });
  });
  afterAll(async () => {
    await store.close();
    await dropQuietly(db);
  });

  test('is not skipped: nothing after it is read until it commits, then both arrive in order', async () => {
    const marker = await store.append(stream(), [event()], 'no_stream');
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ after: marker.position, onEvent: async (e) => void seen.push(e) });
    const [late, quick] = [stream(), stream()];
    const slow = await db.pool.connect();
    try {
      await slow.query('BEGIN');
      const [lateResult] = await appendToStreams(slow, [{ streamId: late, expected: 'no_stream', events: [event()] }]);
      const quickResult = await store.append(quick, [event()], 'no_stream');
      // The open transaction's event sorts first although it will commit last...
      expect(lateResult.position < quickResult.position).toBe(true);
      // ...so nothing after it may be read yet: a reader checkpointing at `quick` would skip `late`.
      expect((await store.readAll({ after: marker.position })).map((e) => e.streamId)).toEqual([]);
      await sleep(300);
      expect(seen).toEqual([]);

      await slow.query('COMMIT');
      await eventually(() => expect(seen.map((e) => e.streamId)).toEqual([late, quick]));
      expect((await store.readAll({ after: marker.position })).map((e) => e.streamId)).toEqual([late, quick]);
    } finally {
      slow.release();
      await subscription.close();
    }
  });

  test('a rolled-back append leaves no trace and holds nothing back', async () => {
    const marker = await store.append(stream(), [event()], 'no_stream');
    const [rolledBack, kept] = [stream(), stream()];
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await appendToStreams(client, [{ streamId: rolledBack, expected: 'no_stream', events: [event()] }]);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    await store.append(kept, [event()], 'no_stream');
    await eventually(async () =>
      expect((await store.readAll({ after: marker.position })).map((e) => e.streamId)).toEqual([kept]));
    expect(await store.readStream(rolledBack)).toEqual([]);
  });
});

/**
 * pool.end() resolves before its connections have closed, so drop()'s DROP DATABASE … WITH (FORCE)
 * can terminate one of them, and the pool re-emits that as an 'error' nobody listens to.
 */
async function dropQuietly(db: TestDatabase): Promise<void> {
  db.pool.on('error', () => undefined);
  await db.drop();
}
