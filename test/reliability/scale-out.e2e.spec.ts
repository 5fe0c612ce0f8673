import { GraphQLResponse } from '../support/app';
import { createTestDatabase, TestDatabase } from '../support/database';
import { codeOf, createMarketplaceScene, dataOf, DAY, gqlAt, HOUR, iso, OPS, Scene, Shift } from '../support/marketplace-fixtures';
import { until } from '../support/processes';
import {
  AppProcess,
  caughtUp,
  checkEventLog,
  describeLog,
  emptyLog,
  GatewayProcess,
  httpApp,
  missingEvents,
  readModelViolations,
  rebuild,
  seededRandom,
  sized,
  sleep,
  snapshotDifferences,
  snapshotReadModels,
  startGateway,
  startProcessor,
  storm,
  Subscriber,
  subscribe,
} from './harness';

/**
 * Scale-out (issue 7, part 2): two gateway processes (RUN_PROJECTIONS=false) and one processor
 * (projections, the settlement process manager and the timers) on one database, every one a real
 * child process. Storms go to both gateways at once; the booking invariants hold; a graphql-ws
 * subscriber on either gateway receives the changes made through the other, and those the
 * processor's timers make.
 */

const WORKERS = sized(16, 60);
const SLOTS = sized(4, 15);
const ROUNDS = sized(2, 10);
const LANES = sized(8, 24);
const CHURN_MS = sized(1000, 5000);

const PLACEMENT_CHANGED = `subscription($organizationId: ID) {
  placementChanged(organizationId: $organizationId) { id status shift { id } worker { id } }
}`;
type Changed = { placementChanged: { id: string; status: string; shift: { id: string }; worker: { id: string } } };

describe('scale-out: two gateways and a processor on one database', () => {
  let db: TestDatabase;
  let processor: AppProcess | null = null;
  let gateways: GatewayProcess[] = [];
  let scene: Scene;
  /** The retailer's admin listens on gateway A, the lender's staff on gateway B. */
  let onA: Subscriber<Changed>;
  let onB: Subscriber<Changed>;
  const random = seededRandom('scale-out');
  const log = emptyLog();
  const posted: string[] = [];
  const figures: string[] = [];
  const base = Math.ceil(Date.now() / HOUR) * HOUR;

  const gql = (i: number) => gqlAt(gateways[i].url);

  beforeAll(async () => {
    db = await createTestDatabase({ max: 4 });
    processor = await startProcessor(db.url);
    gateways = await Promise.all([0, 1].map(() => startGateway(db.url, { RUN_PROJECTIONS: 'false' })));
    scene = await createMarketplaceScene(httpApp(() => gateways[0].url), { workers: WORKERS, workerOptions: { maxHoursPerWeek: 60 } });
    onA = subscribe<Changed>(gateways[0].url, scene.retailerAdmin.token, PLACEMENT_CHANGED, { organizationId: scene.retailerId });
    onB = subscribe<Changed>(gateways[1].url, scene.lenderStaff.token, PLACEMENT_CHANGED, { organizationId: scene.lenderId });
    await Promise.all([onA.connected, onB.connected]);
    await sleep(500); // the subscribe message follows the connection's acknowledgement
  }, 180_000);

  afterAll(async () => {
    await Promise.all([onA, onB].map((s) => s?.client.dispose()));
    await Promise.all(gateways.map((g) => g.crash()));
    await processor?.crash();
    await db?.drop();
    if (figures.length) console.log(`scale-out:\n  ${figures.join('\n  ')}`);
  });

  /** The first message of `subscriber` about `placementId` in `status`. */
  const delivered = (subscriber: Subscriber<Changed>, placementId: string, status: string, what: string) =>
    until(async () => subscriber.received.find((m) => m.placementChanged.id === placementId && m.placementChanged.status === status), 15_000, what);

  test('a subscriber on either gateway receives a change made through the other, and the processor timers\' changes', async () => {
    const day = base + 2 * DAY;
    const shift = dataOf(await gql(0)(OPS.postShift, { input: scene.shiftInput({ slots: 2, startsAt: iso(day), endsAt: iso(day + 4 * HOUR) }) }, scene.retailerAdmin.token), 'postShift').postShift as Shift;
    posted.push(shift.id);
    const worker = scene.workers[0];

    // Booked through A: B's subscriber hears of it.
    const started = Date.now();
    const placement = dataOf(await gql(0)(OPS.acceptShift, { shiftId: shift.id }, worker.token), 'acceptShift').acceptShift;
    log.accepted.push({ placementId: placement.id, shiftId: shift.id, workerId: worker.workerId, gateway: 0 });
    await delivered(onB, placement.id, 'CONFIRMED', 'B to hear of the booking made through A');
    const bookedToB = Date.now() - started;

    // Cancelled through B: A's subscriber hears of it.
    const cancelledAt = Date.now();
    dataOf(await gql(1)(OPS.cancelPlacement, { placementId: placement.id, reason: 'scale-out' }, worker.token), 'cancelPlacement');
    log.cancelled.push({ placementId: placement.id, by: 'WORKER', gateway: 1 });
    await delivered(onA, placement.id, 'CANCELLED', 'A to hear of the cancellation made through B');
    const cancelledToA = Date.now() - cancelledAt;

    // Expired by the processor's timer (an undecided PENDING_LENDER placement expires at startsAt): both hear of it.
    const waiting = await scene.addWorker({ offer: { autoApprove: false } });
    const soon = Date.now() + 6000;
    const soonShift = dataOf(await gql(1)(OPS.postShift, { input: scene.shiftInput({ startsAt: iso(soon), endsAt: iso(soon + HOUR) }) }, scene.retailerAdmin.token), 'postShift').postShift as Shift;
    posted.push(soonShift.id);
    const pending = dataOf(await gql(1)(OPS.acceptShift, { shiftId: soonShift.id }, waiting.token), 'acceptShift').acceptShift;
    expect(pending.status).toBe('PENDING_LENDER');
    log.accepted.push({ placementId: pending.id, shiftId: soonShift.id, workerId: waiting.workerId, gateway: 1 });
    await Promise.all([
      delivered(onA, pending.id, 'EXPIRED', 'A to hear of the expiry'),
      delivered(onB, pending.id, 'EXPIRED', 'B to hear of the expiry'),
    ]);
    const expiredLate = Date.now() - soon;
    figures.push(`subscriptions: A→B booking delivered in ${bookedToB} ms, B→A cancellation in ${cancelledToA} ms, the processor's expiry timer delivered to both ${expiredLate} ms after it was due`);
  }, 60_000);

  test(`${ROUNDS} storm rounds on both gateways: exact counts, invariants, every success in the log, every change delivered to both`, async () => {
    const tally = (results: GraphQLResponse[]) => {
      const counts: Record<string, number> = {};
      for (const result of results) counts[codeOf(result)] = (counts[codeOf(result)] ?? 0) + 1;
      return counts;
    };
    for (let round = 0; round < ROUNDS; round++) {
      // Three overlapping postings: every worker presses accept on each at once, alternating gateways.
      const day = base + (round + 3) * DAY;
      const shifts = await Promise.all([0, 1, 2].map((k) =>
        gql(k % 2)(OPS.postShift, { input: scene.shiftInput({ slots: SLOTS, startsAt: iso(day + k * HOUR), endsAt: iso(day + (k + 4) * HOUR) }) }, scene.retailerAdmin.token)
          .then((r) => dataOf(r, 'postShift').postShift as Shift)));
      posted.push(...shifts.map((s) => s.id));
      const requests = scene.workers.flatMap((worker, w) => shifts.map((shift, s) => ({ worker, shift, via: (w + s) % 2 })));
      const results = await Promise.all(requests.map(({ worker, shift, via }) => gql(via)(OPS.acceptShift, { shiftId: shift.id }, worker.token)));
      const counts = tally(results);
      // More workers than slots: every posting fills, and a worker holds at most one of them.
      expect(counts.OK).toBe(3 * SLOTS);
      expect(Object.keys(counts).filter((k) => !['OK', 'CONFLICT/SHIFT_FULL', 'CONFLICT/WORKER_BUSY'].includes(k))).toEqual([]);
      results.forEach((result, i) => {
        const placement = result.data?.acceptShift;
        if (placement) log.accepted.push({ placementId: placement.id, shiftId: requests[i].shift.id, workerId: requests[i].worker.workerId, gateway: requests[i].via });
      });
      const placedWorkers = results.flatMap((r, i) => (r.data?.acceptShift ? [requests[i].worker.workerId] : []));
      expect(new Set(placedWorkers).size).toBe(placedWorkers.length);

      // Then churn: cancellations and new accepts on both gateways at once.
      let stopped = false;
      const churn = storm({
        gateways: () => gateways.map((g) => g.url),
        workers: scene.workers,
        shiftIds: shifts.map((s) => s.id),
        retailer: scene.retailerAdmin,
        lanes: LANES,
        cancelRate: 0.5,
        random,
        stopped: () => stopped,
        log,
      });
      await sleep(CHURN_MS).finally(() => (stopped = true));
      await churn;
    }
    expect(log.unexpected).toEqual([]);
    expect(log.internal).toEqual([]);
    expect(log.lost).toBe(0);
    figures.push(`storms: ${ROUNDS} rounds of ${WORKERS} workers × 3 postings of ${SLOTS} slots at once, then churn: ${describeLog(log)}`);

    // The processor has applied everything: the read side shows the invariants, the log is sound.
    await caughtUp(db.pool);
    expect(await missingEvents(db.pool, log, posted)).toEqual([]);
    const facts = await checkEventLog(db.pool);
    expect(facts.problems).toEqual([]);
    expect(await readModelViolations(db.pool)).toEqual([]);
    // Both gateways answer the same from the shared read side.
    for (const id of posted.slice(-3)) {
      const [a, b] = await Promise.all([0, 1].map(async (i) => dataOf(await gql(i)(OPS.shiftPlacements, { id }, scene.retailerAdmin.token), 'shift').shift));
      expect(b).toEqual(a);
    }

    // Every booking and cancellation reached both subscribers, whichever gateway it went through.
    const missingOn = (subscriber: Subscriber<Changed>) => {
      const seen = new Set(subscriber.received.map((m) => `${m.placementChanged.id}/${m.placementChanged.status}`));
      const ids = new Set(subscriber.received.map((m) => m.placementChanged.id));
      return [
        ...log.accepted.filter((a) => !ids.has(a.placementId)).map((a) => `booking ${a.placementId} via ${'AB'[a.gateway]}`),
        ...log.cancelled.filter((c) => !seen.has(`${c.placementId}/CANCELLED`)).map((c) => `cancellation ${c.placementId} via ${'AB'[c.gateway]}`),
      ];
    };
    await until(async () => missingOn(onA).length === 0 && missingOn(onB).length === 0, 15_000, 'every change to reach both subscribers').catch(() => undefined);
    expect({ A: missingOn(onA), B: missingOn(onB) }).toEqual({ A: [], B: [] });
    expect([...onA.errors, ...onB.errors]).toEqual([]);
    figures.push(`subscriptions: A received ${onA.received.length} changes, B ${onB.received.length}; ${log.accepted.length} bookings and ${log.cancelled.length} cancellations, each delivered to both`);

    // The processor's read models equal a rebuild from the events (everything stopped meanwhile).
    const models = await snapshotReadModels(db.pool);
    await Promise.all([onA, onB].map((s) => s.client.dispose()));
    await Promise.all(gateways.map((g) => g.stop()));
    await processor!.stop();
    processor = null;
    await rebuild(db.url);
    expect(snapshotDifferences(models, await snapshotReadModels(db.pool))).toEqual([]);
    figures.push(`log: ${facts.events} events, ${facts.bookings} bookings, ${facts.releases} releases, no half-done booking; read models = rebuild`);
  }, sized(180_000, 1_200_000));
});
