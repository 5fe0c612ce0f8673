import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { allEntities, allProjections } from '@blue-ocean/composition';
import { createEventStore, NewEvent, StreamAppend } from '@blue-ocean/event-store';
import { ProjectionRunner } from '@blue-ocean/persistence';
import { freshDatabase } from './databases';
import { Benchmark, figure } from './harness';

const BATCH = 1000;

/**
 * P4: rebuilding every read model from N events (one user sign-up each) against inserting the same
 * read-model rows in batches without the event store, in the same run.
 */
export const p4: Benchmark = {
  id: 'P4',
  async run({ quick, databaseUrl }) {
    const events = quick ? 20_000 : 1_000_000;
    const db = await freshDatabase(databaseUrl);
    const pool = new Pool({ connectionString: db.url, max: 8 });
    pool.on('error', () => undefined);
    const store = createEventStore({ pool });
    const dataSource = await new DataSource({ type: 'postgres', url: db.url, entities: allEntities, poolSize: 4 }).initialize();
    try {
      const rows: { id: string; email: string; display_name: string; password_hash: string; created_at: Date }[] = [];
      const occurredAt = new Date();
      for (let start = 0; start < events; start += BATCH) {
        const appends: StreamAppend[] = [];
        for (let i = start; i < Math.min(events, start + BATCH); i++) {
          const userId = randomUUID();
          const data = { userId, email: `user${i}@bench.test`, displayName: `User ${i}`, passwordHash: '$argon2id$bench' };
          rows.push({ id: userId, email: data.email, display_name: data.displayName, password_hash: data.passwordHash, created_at: occurredAt });
          const event: NewEvent = { id: randomUUID(), type: 'UserSignedUp', data, metadata: { actor: userId, occurredAt: occurredAt.toISOString(), schemaVersion: 1 } };
          appends.push({ streamId: `user-${userId}`, expected: 'no_stream', events: [event] });
        }
        await store.appendMany(appends);
      }

      const runner = new ProjectionRunner(store, dataSource, allProjections);
      const rebuildStarted = performance.now();
      const applied = await runner.rebuild();
      const rebuildPerSecond = applied / ((performance.now() - rebuildStarted) / 1000);
      if (applied !== events) throw new Error(`rebuild applied ${applied} of ${events} events`);

      await pool.query('TRUNCATE users');
      const insertStarted = performance.now();
      for (let start = 0; start < rows.length; start += 500) {
        const batch = rows.slice(start, start + 500);
        await pool.query(
          `INSERT INTO users (id, email, display_name, password_hash, created_at)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])`,
          [batch.map((r) => r.id), batch.map((r) => r.email), batch.map((r) => r.display_name), batch.map((r) => r.password_hash), batch.map((r) => r.created_at)],
        );
      }
      const insertPerSecond = rows.length / ((performance.now() - insertStarted) / 1000);
      return [
        figure({ id: 'P4', name: `projection rebuild of ${events.toLocaleString('en')} events`, unit: 'events/s', value: rebuildPerSecond, baseline: insertPerSecond, baselineName: 'batched INSERT of the same rows', target: '≥ 0.5×' }),
      ];
    } finally {
      await store.close();
      await dataSource.destroy();
      await pool.end();
      await db.drop();
    }
  },
};
