import { randomUUID } from 'node:crypto';
import { createEventStore, EventStore, NewEvent } from '@blue-ocean/event-store';
import { createTestDatabase, TestDatabase } from '../support/database';
import { ensureBuilt, exited, startProcess, until } from '../support/processes';

const ORGANIZATIONS = 150;
const SITES_PER_ORGANIZATION = 20;

function event(type: string, data: Record<string, unknown>): NewEvent {
  return { id: randomUUID(), type, data, metadata: { actor: null, occurredAt: new Date().toISOString(), schemaVersion: 1 } };
}

/** Writes organizations with members and sites straight into the event store. */
async function seed(store: EventStore): Promise<number> {
  let written = 0;
  for (let i = 0; i < ORGANIZATIONS; i++) {
    const organizationId = randomUUID();
    const events = [
      event('OrganizationRegistered', {
        organizationId, name: `Restaurant ${i}`, kinds: ['LENDER'], industry: 'RESTAURANT', city: 'Wuhan',
        timezone: 'Asia/Shanghai', businessLicenceNumber: `L-${i}`, registeredBy: randomUUID(),
      }),
      event('MemberAdded', { organizationId, userId: randomUUID(), role: 'ADMIN' }),
      ...Array.from({ length: SITES_PER_ORGANIZATION }, (_, s) =>
        event('SiteAdded', { organizationId, siteId: randomUUID(), name: `Site ${s}`, address: `${s} Jianghan Rd`, location: { lat: 30.6, lng: 114.3 }, checkInRadiusMeters: 200 }),
      ),
    ];
    await store.append(`organization-${organizationId}`, events, 'no_stream');
    written += events.length;
  }
  return written;
}

async function readModels(db: TestDatabase): Promise<string> {
  const tables = {
    organizations: 'SELECT id, name, kinds, industry, city, timezone, verification FROM organizations ORDER BY id',
    sites: 'SELECT id, organization_id, name, address, lat, lng, check_in_radius_meters FROM sites ORDER BY id',
    memberships: 'SELECT organization_id, user_id, role FROM memberships ORDER BY organization_id, user_id',
  };
  const snapshot: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(tables)) snapshot[name] = (await db.pool.query(sql)).rows;
  return JSON.stringify(snapshot);
}

async function checkpoint(db: TestDatabase): Promise<string | null> {
  const { rows } = await db.pool.query(`SELECT position FROM projection_checkpoints WHERE name = 'read-models'`);
  return rows[0]?.position ?? null;
}

describe('projections survive kill -9', () => {
  let db: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    store = createEventStore({ pool: db.pool });
  }, 120_000);
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  test('killed mid-way and restarted, the read models equal a full rebuild', async () => {
    const total = await seed(store);
    // The global log shows an event once no older transaction is open anywhere on the server (other
    // suites share it), so wait until all of them are readable.
    const all = await until(async () => {
      const read = await store.readAll({ maxCount: total + 10 });
      return read.length === total ? read : null;
    }, 30_000, 'every seeded event to be readable');
    const head = all[all.length - 1].position;
    const env = { DATABASE_URL: db.url };

    const first = startProcess('apps/processor/src/main.js', env);
    const reached = await until(() => checkpoint(db), 30_000, 'the first checkpoint');
    first.kill('SIGKILL');
    await exited(first);
    const afterKill = await checkpoint(db);
    console.log(`killed at checkpoint ${reached} (head ${head}); ${afterKill === head ? 'it had finished' : 'mid-way'}`);

    const second = startProcess('apps/processor/src/main.js', env);
    await until(async () => (await checkpoint(db)) === head, 60_000, 'the restarted processor to catch up');
    second.kill('SIGTERM');
    await exited(second);
    const caughtUp = await readModels(db);
    expect(JSON.parse(caughtUp).sites).toHaveLength(ORGANIZATIONS * SITES_PER_ORGANIZATION);

    const rebuild = startProcess('apps/processor/src/rebuild.js', env);
    expect(await exited(rebuild)).toBe(0);
    expect(await readModels(db)).toEqual(caughtUp);
  }, 120_000);
});
