import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createEventStore, NewEvent } from '@blue-ocean/event-store';
import { alternating, Benchmark, figure, load } from './harness';
import { freshDatabase } from './databases';

const WRITERS = 16;

function event(): NewEvent {
  return {
    id: randomUUID(),
    type: 'BenchmarkHappened',
    data: { workerId: randomUUID(), note: 'a small JSON payload like a domain event' },
    metadata: { actor: null, occurredAt: new Date().toISOString(), schemaVersion: 1 },
  };
}

/** P1: event-store appends against raw INSERT … COMMIT of the same JSON rows, same pool, same concurrency. */
export const p1: Benchmark = {
  id: 'P1',
  async run({ quick, databaseUrl }) {
    const db = await freshDatabase(databaseUrl);
    const pool = new Pool({ connectionString: db.url, max: WRITERS });
    pool.on('error', () => undefined); // connections cut when the database is dropped
    const store = createEventStore({ pool });
    await pool.query('CREATE TABLE bench_raw (position bigserial PRIMARY KEY, stream_id text NOT NULL, event_id uuid NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL)');
    const count = quick ? 1500 : 20000;
    const insertRaw = (rows: NewEvent[]) =>
      pool.query(
        `INSERT INTO bench_raw (stream_id, event_id, type, data, metadata)
         SELECT $1, (e->>'id')::uuid, e->>'type', e->'data', e->'metadata' FROM jsonb_array_elements($2::jsonb) e`,
        [`s-${randomUUID()}`, JSON.stringify(rows)],
      );
    try {
      await load(200, WRITERS, () => insertRaw([event()]).then(() => undefined)); // warm-up
      const batch = () => Array.from({ length: 10 }, event);
      const rounds = quick ? 2 : 5;
      const [ones, tens] = [Math.round(count / rounds), Math.round(count / 5 / rounds)];
      const [raw1, es1, raw10, es10] = await alternating(rounds, WRITERS, [
        { callsPerRound: ones, call: async () => void (await insertRaw([event()])) },
        { callsPerRound: ones, call: async () => void (await store.append(`bench-${randomUUID()}`, [event()], 'no_stream')) },
        { callsPerRound: tens, call: async () => void (await insertRaw(batch())) },
        { callsPerRound: tens, call: async () => void (await store.append(`bench-${randomUUID()}`, batch(), 'no_stream')) },
      ]);
      return [
        figure({ id: 'P1', name: 'appends/s, 1 event, 16 writers', unit: 'appends/s', value: es1.perSecond, baseline: raw1.perSecond, baselineName: 'raw INSERT+COMMIT', target: '≥ 0.8×' }),
        figure({ id: 'P1', name: 'events/s, 10-event batch, 16 writers', unit: 'events/s', value: es10.perSecond * 10, baseline: raw10.perSecond * 10, baselineName: 'raw 10-row INSERT+COMMIT', target: '≥ 0.8×' }),
      ];
    } finally {
      await store.close();
      await pool.end();
      await db.drop();
    }
  },
};
