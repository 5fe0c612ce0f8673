import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { allEntities, allProjections } from '@blue-ocean/composition';
import { createEventStore, EventStore, NewEvent } from '@blue-ocean/event-store';
import { ProjectionRunner } from '@blue-ocean/persistence';
import { createTestDatabase, TestDatabase } from '../support/database';
import { until } from '../support/processes';
import { caughtUp, sleep, snapshotDifferences, snapshotReadModels } from './harness';

/**
 * What a database restart does to the projections' single-runner guarantee. The runner that
 * applies events holds a PostgreSQL advisory lock on one connection; when that connection dies
 * (PostgreSQL restarted, the connection cut), the lock is gone, but the runner only finds out at
 * its next use of that connection, and meanwhile reads and writes through other, healthy
 * connections. A second runner (another process: a rolling deploy, two single-process gateways)
 * takes the lock. Both must not apply the same events: the checkpoint moves only from where its
 * runner left it, so the one that lost the race rolls its batch back and waits for the lock again.
 * Here one runner's lock connection is cut by pg_terminate_backend while slots are taken; every
 * SlotTaken must be counted exactly once.
 */

const SLOT_EVENTS = 200;

function event(type: string, data: Record<string, unknown>): NewEvent {
  return { id: randomUUID(), type, data, metadata: { actor: null, occurredAt: new Date().toISOString(), schemaVersion: 1 } };
}

describe('projections after their lock connection is cut', () => {
  let db: TestDatabase;
  let store: EventStore;
  const sources: DataSource[] = [];
  const runners: ProjectionRunner[] = [];

  /** A runner as another process would have it: its own TypeORM pool (and lock connection). */
  async function runner(): Promise<ProjectionRunner> {
    const source = await new DataSource({ type: 'postgres', url: db.url, entities: allEntities, poolSize: 3 }).initialize();
    sources.push(source);
    const created = new ProjectionRunner(store, source, allProjections);
    runners.push(created);
    return created;
  }

  beforeAll(async () => {
    db = await createTestDatabase({ max: 4 });
    store = createEventStore({ pool: db.pool });
  });

  afterAll(async () => {
    for (const r of runners) await r.stop().catch(() => undefined);
    for (const s of sources) await s.destroy().catch(() => undefined);
    await store?.close();
    await db?.drop();
  });

  test('a runner that lost its lock to another applies nothing twice', async () => {
    const shiftId = randomUUID();
    const startsAt = new Date(Date.now() + 2 * 86_400_000);
    await store.append(`shift-${shiftId}`, [event('ShiftPosted', {
      shiftId, retailerId: randomUUID(), siteId: randomUUID(), siteTimeZone: 'Asia/Shanghai', role: 'PICKER', title: 'Pickers',
      description: null, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 4 * 3_600_000).toISOString(),
      unpaidBreakMinutes: 0, slots: SLOT_EVENTS, hourlyRate: '30.00', currency: 'CNY', requiresGreenCode: false, postedAt: new Date().toISOString(),
    })], 'no_stream');

    const first = await runner();
    first.start();
    await caughtUp(db.pool);

    // The first runner's lock connection is cut, as a database restart would cut it; a second runner takes the lock.
    const { rows: cut } = await db.pool.query(
      `SELECT pg_terminate_backend(l.pid) AS cut FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database()`,
    );
    expect(cut).toEqual([{ cut: true }]);
    const second = await runner();
    second.start();
    await until(async () => {
      const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
      return rows[0].n === 1;
    }, 10_000, 'the second runner to take the lock');

    // Slots are taken one append at a time while both runners poll the log.
    for (let i = 0; i < SLOT_EVENTS; i++) {
      await store.append(`shift-${shiftId}`, [event('SlotTaken', { shiftId, placementId: randomUUID(), workerId: randomUUID(), at: new Date().toISOString() })], i);
      if (i % 10 === 0) await sleep(30);
    }
    await caughtUp(db.pool);
    await sleep(300); // a runner applying a batch twice would do it by now

    const { rows } = await db.pool.query('SELECT slots_filled FROM shift_postings WHERE id = $1', [shiftId]);
    expect(rows[0].slots_filled).toBe(SLOT_EVENTS);

    // And the read models equal a rebuild from the events.
    const models = await snapshotReadModels(db.pool);
    for (const r of runners) await r.stop();
    const rebuilt = await runner();
    await rebuilt.rebuild();
    expect(snapshotDifferences(models, await snapshotReadModels(db.pool))).toEqual([]);
  }, 60_000);
});
