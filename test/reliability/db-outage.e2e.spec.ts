import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { createMarketplaceScene, dataOf, DAY, HOUR, iso, OPS, Scene } from '../support/marketplace-fixtures';
import { until } from '../support/processes';
import {
  caughtUp,
  checkEventLog,
  describeLog,
  emptyLog,
  freePort,
  GatewayProcess,
  httpApp,
  leaksInternals,
  missingEvents,
  PgServer,
  probeReady,
  readModelViolations,
  rebuild,
  seededRandom,
  sized,
  sleep,
  snapshotDifferences,
  snapshotReadModels,
  startGateway,
  storm,
} from './harness';

/**
 * Database outage (issue 7, part 3). The gateway (a child process, projections and timers inside)
 * runs on a PostgreSQL of its own, which is stopped under a booking storm and started again:
 * - while it is away, /ready answers 503 and requests fail with INTERNAL_SERVER_ERROR and a plain
 *   message (no SQL, driver message, host or stack), quickly, without hanging;
 * - once it is back the gateway recovers by itself, without a restart (same process): /ready 200,
 *   mutations succeed and their answers include their own writes (the projections run again);
 * - nothing is half written: every acknowledged mutation has its events, every booking is one
 *   transaction, the invariants hold, and the read models equal a rebuild from the events.
 */

const OUTAGES = sized(1, 3);
/** How long PostgreSQL stays away: in soak long enough to exhaust every retry (the process manager gives up after ~16 s). */
const OUTAGE_MS = sized(2000, 20_000);
const WORKERS = sized(10, 30);
const LANES = sized(6, 12);
/** A recovery slower than this fails the test. */
const RECOVERY_LIMIT_MS = 30_000;

describe('database outage: PostgreSQL stopped and started again under load', () => {
  let dir: string;
  let server: PgServer;
  let gateway: GatewayProcess | null = null;
  let pool: Pool;
  let scene: Scene;
  const random = seededRandom('database outage');
  const figures: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'blue-ocean-outage-'));
    server = new PgServer(join(dir, 'pg'), await freePort());
    await server.start();
    const admin = new Pool({ connectionString: server.url(), max: 1 });
    await admin.query('CREATE DATABASE outage');
    await admin.end();
    gateway = await startGateway(server.url('outage'));
    pool = new Pool({ connectionString: server.url('outage'), max: 2 });
    pool.on('error', () => undefined); // its idle connections die with the server
    scene = await createMarketplaceScene(httpApp(() => gateway!.url), { workers: WORKERS, workerOptions: { maxHoursPerWeek: 60 } });
  }, 120_000);

  afterAll(async () => {
    await gateway?.crash();
    await pool?.end().catch(() => undefined);
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (figures.length) console.log(`database outage:\n  ${figures.join('\n  ')}`);
  });

  test(`${OUTAGES} outage(s) of ${OUTAGE_MS / 1000} s under a booking storm: clear errors, recovery without a restart, no partial write`, async () => {
    const pid = gateway!.pid;
    const log = emptyLog();
    const posted: string[] = [];
    const base = Math.ceil(Date.now() / HOUR) * HOUR;
    /** When PostgreSQL went and came back, for a failure's message. */
    const timeline: string[] = [];
    /** Requests answered with a success or a business refusal. */
    const answered = () => log.accepted.length + log.cancelled.length + Object.values(log.refusals).reduce((a, b) => a + b, 0);

    for (let outage = 0; outage < OUTAGES; outage++) {
      const day = base + (outage + 2) * DAY;
      const shifts = await Promise.all([
        scene.postShift({ slots: 3, startsAt: iso(day), endsAt: iso(day + 4 * HOUR) }),
        scene.postShift({ slots: 3, startsAt: iso(day + 2 * HOUR), endsAt: iso(day + 6 * HOUR) }),
        scene.postShift({ slots: 3, startsAt: iso(day + 7 * HOUR), endsAt: iso(day + 11 * HOUR) }),
      ]);
      posted.push(...shifts.map((s) => s.id));

      let stopped = false;
      const stormStarted = Date.now();
      const running = storm({
        gateways: () => [gateway!.url],
        workers: scene.workers,
        shiftIds: shifts.map((s) => s.id),
        retailer: scene.retailerAdmin,
        lanes: LANES,
        cancelRate: 0.5,
        random,
        stopped: () => stopped,
        pauseAfterErrorMs: 50,
        log,
      });
      // The lanes stop whatever happens (a failed wait must not leave them running).
      let acceptedBefore = 0, notReadyMs = 0, failedDuringOutage = 0, readyMs = 0, recoveredAt = 0, recoveredMs = 0, acceptedAtRecovery = 0, answeredAtRecovery = 0;
      try {
        await sleep(800);
        expect(log.internal.filter((e) => e.at >= stormStarted)).toEqual([]); // all well before the outage

        // PostgreSQL goes away.
        acceptedBefore = log.accepted.length;
        const internalBefore = log.internal.length;
        const downAt = Date.now();
        await server.stop();
        await until(async () => (await probeReady(gateway!.url)) === 503, 10_000, '/ready to answer 503');
        notReadyMs = Date.now() - downAt;
        await until(async () => log.internal.some((e) => e.at > downAt) || log.nonGraphQL.some((e) => e.at > downAt), 10_000, 'requests to fail');
        const readyBody = await (await fetch(`${gateway!.url}/ready`)).text();
        expect(leaksInternals(readyBody)).toBe(false);
        await sleep(OUTAGE_MS);
        expect(await probeReady(gateway!.url)).toBe(503);
        failedDuringOutage = log.internal.length - internalBefore;

        // PostgreSQL is back: the same gateway process recovers by itself.
        await server.start();
        const upAt = Date.now();
        timeline.push(`down ${downAt}, up ${upAt}`);
        await until(async () => (await probeReady(gateway!.url)) === 200, RECOVERY_LIMIT_MS, '/ready to answer 200 again');
        readyMs = Date.now() - upAt;
        // A mutation succeeds and its answer includes its own write (the projections run again).
        const probeDay = base + (OUTAGES + 3 + outage) * DAY;
        await until(
          async () => {
            const posting = await scene.app.gql(OPS.postShift, { input: scene.shiftInput({ startsAt: iso(probeDay), endsAt: iso(probeDay + HOUR) }) }, scene.retailerAdmin.token);
            const id = posting.data?.postShift?.id as string | undefined;
            if (!id) return false;
            posted.push(id);
            const read = await scene.app.gql(OPS.shift, { id }, scene.workers[0].token);
            return read.data?.shift?.id === id;
          },
          RECOVERY_LIMIT_MS,
          'a mutation to succeed again',
        );
        recoveredAt = Date.now();
        recoveredMs = recoveredAt - upAt;
        acceptedAtRecovery = log.accepted.length;
        answeredAtRecovery = answered();
        await sleep(1000); // the storm goes on after the recovery, every request answered properly again
      } finally {
        stopped = true;
        await running;
      }
      expect(log.internal.filter((e) => e.at > recoveredAt)).toEqual([]);
      expect(answered()).toBeGreaterThan(answeredAtRecovery);
      expect(gateway!.pid).toBe(pid);
      expect(gateway!.alive()).toBe(true); // never restarted

      figures.push(
        `outage ${outage + 1}: /ready 503 after ${notReadyMs} ms; ${failedDuringOutage} requests failed cleanly; ` +
          `after PostgreSQL was back: /ready 200 in ${readyMs} ms, mutations succeeding in ${recoveredMs} ms; ` +
          `${acceptedBefore} bookings before, ${log.accepted.length - acceptedAtRecovery} bookings and ${answered() - answeredAtRecovery} proper answers in the second after the recovery`,
      );
    }
    figures.push(`storm: ${describeLog(log)}`);

    // Failures were clear and leaked nothing; nothing else went wrong.
    if (log.unexpected.length) console.log(`unexpected answers (PostgreSQL back at ${timeline.join(', ')}):\n${JSON.stringify(log.unexpected, null, 1)}\ngateway:\n${gateway!.output().slice(-6000)}`);
    expect(log.unexpected).toEqual([]);
    expect(log.internal.length).toBeGreaterThan(0);
    for (const failure of log.internal) {
      const body = JSON.parse(failure.body);
      expect(body.errors).toEqual([expect.objectContaining({ message: 'Something went wrong on our side; please try again.', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
      expect(leaksInternals(failure.body)).toBe(false);
    }
    for (const failure of log.nonGraphQL) {
      expect(failure.status).toBe(503);
      expect(leaksInternals(failure.body)).toBe(false);
    }
    expect(log.lost).toBe(0); // every request was answered
    expect(log.slowestMs).toBeLessThan(15_000);

    // Idempotency works after the errors: a keyed accept repeated gives the same placement.
    const day = base + (2 * OUTAGES + 4) * DAY;
    const last = await scene.postShift({ slots: 1, startsAt: iso(day), endsAt: iso(day + HOUR) });
    posted.push(last.id);
    const keyed = { shiftId: last.id, idempotencyKey: 'after-the-outage' };
    const first = dataOf(await scene.app.gql(OPS.acceptShift, keyed, scene.workers[0].token), 'acceptShift').acceptShift;
    const again = dataOf(await scene.app.gql(OPS.acceptShift, keyed, scene.workers[0].token), 'acceptShift again').acceptShift;
    expect(again.id).toBe(first.id);
    log.accepted.push({ placementId: first.id, shiftId: last.id, workerId: scene.workers[0].workerId, gateway: 0 });

    // No partial write.
    await caughtUp(pool);
    expect(await missingEvents(pool, log, posted)).toEqual([]);
    const facts = await checkEventLog(pool);
    expect(facts.problems).toEqual([]);
    expect(await readModelViolations(pool)).toEqual([]);
    const models = await snapshotReadModels(pool);
    await gateway!.stop();
    gateway = null;
    await rebuild(server.url('outage'));
    expect(snapshotDifferences(models, await snapshotReadModels(pool))).toEqual([]);
    figures.push(`log: ${facts.events} events, ${facts.bookings} bookings, ${facts.releases} releases, no half-done booking; read models = rebuild`);
  }, sized(180_000, 900_000));
});
