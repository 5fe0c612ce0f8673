import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createEventStore, NewEvent } from '@blue-ocean/event-store';
import { Benchmark, figure, load } from './harness';
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
/**
 * Runs each workload in `rounds` slices, taking turns, so the shared machine's noise falls on all
 * of them alike; returns each one's calls per second over all its slices.
 */
async function alternating(rounds: number, workloads: { count: number; call: () => Promise<unknown> }[]) {
  const seconds = workloads.map(() => 0);
  for (let round = 0; round < rounds; round++) {
    for (const [i, w] of workloads.entries()) {
      const slice = Math.round(w.count / rounds);
      seconds[i] += slice / (await load(slice, WRITERS, () => w.call().then(() => undefined))).perSecond;
    }
  }
  return workloads.map((w, i) => ({ perSecond: (Math.round(w.count / rounds) * rounds) / seconds[i] }));
}

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
      const [raw1, es1, raw10, es10] = await alternating(quick ? 2 : 5, [
        { count: count, call: () => insertRaw([event()]) },
        { count: count, call: () => store.append(`bench-${randomUUID()}`, [event()], 'no_stream') },
        { count: count / 5, call: () => insertRaw(batch()) },
        { count: count / 5, call: () => store.append(`bench-${randomUUID()}`, batch(), 'no_stream') },
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
