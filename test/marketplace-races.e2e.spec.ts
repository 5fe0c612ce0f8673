import { GraphQLResponse, refusal, startTestApp, TestApp } from './support/app';
import {
  codeOf,
  createMarketplaceScene,
  dataOf,
  DAY,
  Gql,
  HOUR,
  iso,
  OPS,
  Scene,
  SceneWorker,
  SecondGateway,
  Shift,
  startSecondGateway,
} from './support/marketplace-fixtures';

/**
 * Real parallel requests over HTTP, on one gateway and on two gateways sharing one database
 * (the second runs no projections). API-RULES.md: under any concurrency a posting never holds
 * more than `slots` slot-holding placements, and a worker never holds two overlapping placements
 * in PENDING_LENDER, CONFIRMED or CHECKED_IN.
 */

const SLOT_HOLDING = ['PENDING_LENDER', 'CONFIRMED', 'CHECKED_IN', 'CHECKED_OUT', 'APPROVED', 'DISPUTED', 'SETTLED'];
const SCHEDULED = ['PENDING_LENDER', 'CONFIRMED', 'CHECKED_IN'];

type Placement = { id: string; status: string; worker: { id: string }; shift: { id: string } };

describe('marketplace races over HTTP', () => {
  let app: TestApp;
  let second: SecondGateway;
  let scene: Scene;
  let workers: SceneWorker[];
  const postings: Shift[] = [];
  /** Each test books its own day (4-hour shifts), so the workers' earlier placements never overlap it. */
  const day = (n: number, hourOffset = 0, hours = 4) => {
    const start = Date.now() + (n + 1) * DAY + hourOffset * HOUR;
    return { startsAt: iso(start), endsAt: iso(start + hours * HOUR) };
  };

  beforeAll(async () => {
    app = await startTestApp();
    const started = Date.now();
    scene = await createMarketplaceScene(app, { workers: 40 });
    workers = scene.workers;
    // The set-up is served today and must stay cheap: 40 claimed, attested, offered workers.
    expect(Date.now() - started).toBeLessThan(20_000);
    second = await startSecondGateway(app);
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await app?.close();
  });

  const one: Gql = (query, variables, token) => app.gql(query, variables, token);
  const both = (i: number): Gql => (i % 2 === 0 ? one : second.gql);

  async function post(overrides: Record<string, unknown>): Promise<Shift> {
    const shift = await scene.postShift(overrides);
    postings.push(shift);
    return shift;
  }

  const accept = (gql: Gql, worker: SceneWorker, shiftId: string) =>
    gql<{ acceptShift: Placement }>(OPS.acceptShift, { shiftId }, worker.token);

  async function readShift(id: string, gql: Gql = one) {
    return dataOf(await gql(OPS.shiftPlacements, { id }, scene.retailerAdmin.token), 'shift').shift as {
      id: string;
      slots: number;
      slotsFilled: number;
      status: string;
      placements: { id: string; status: string; worker: { id: string } }[];
    };
  }

  function tally(results: GraphQLResponse[]) {
    const counts: Record<string, number> = {};
    for (const result of results) counts[codeOf(result)] = (counts[codeOf(result)] ?? 0) + 1;
    return counts;
  }

  /** 40 workers press "accept" at the same moment on a posting with 5 slots. */
  async function fortyForFive(gqlFor: (i: number) => Gql, n: number) {
    const shift = await post({ slots: 5, ...day(n) });
    const results = await Promise.all(workers.map((worker, i) => accept(gqlFor(i), worker, shift.id)));
    expect(tally(results)).toEqual({ OK: 5, 'CONFLICT/SHIFT_FULL': 35 });
    const winners = results.flatMap((result, i) => (result.errors ? [] : [{ placement: result.data!.acceptShift, worker: workers[i] }]));
    for (const { placement, worker } of winners) expect(placement).toMatchObject({ status: 'CONFIRMED', worker: { id: worker.workerId }, shift: { id: shift.id } });

    for (const gql of [one, second.gql]) {
      const read = await readShift(shift.id, gql);
      expect(read).toMatchObject({ slots: 5, slotsFilled: 5, status: 'FILLED' });
      expect(new Set(read.placements.filter((p) => SLOT_HOLDING.includes(p.status)).map((p) => p.id))).toEqual(
        new Set(winners.map((w) => w.placement.id)),
      );
      expect(read.placements).toHaveLength(5); // a refusal writes nothing
    }
  }

  /** One worker accepts 4 overlapping postings at the same moment. */
  async function oneForFour(gqlFor: (i: number) => Gql, n: number, worker: SceneWorker) {
    const shifts = await Promise.all([0, 1, 2, 3].map((k) => post({ slots: 5, ...day(n, k) }))); // 4-hour shifts, an hour apart
    const results = await Promise.all(shifts.map((shift, i) => accept(gqlFor(i), worker, shift.id)));
    expect(tally(results)).toEqual({ OK: 1, 'CONFLICT/WORKER_BUSY': 3 });
    const reads = await Promise.all(shifts.map((shift) => readShift(shift.id)));
    expect(reads.reduce((sum, read) => sum + read.slotsFilled, 0)).toBe(1);
    expect(reads.flatMap((read) => read.placements)).toHaveLength(1);
  }

  describe('one gateway', () => {
    test('40 workers for 5 slots: exactly 5 CONFIRMED, 35 SHIFT_FULL, the posting FILLED', async () => {
      await fortyForFive(() => one, 1);
    });

    test('one worker accepting 4 overlapping postings at once: exactly 1, the others WORKER_BUSY', async () => {
      await oneForFour(() => one, 2, workers[0]);
    });
  });

  describe('two gateway processes on one database', () => {
    test('the second gateway serves the API on the same data', async () => {
      const me = await second.gql(`{ me { id worker { id } } }`, {}, workers[0].token);
      expect(me.data?.me).toEqual({ id: workers[0].userId, worker: { id: workers[0].workerId } });
    });

    test('40 workers for 5 slots, requests alternating between the gateways: exactly 5', async () => {
      await fortyForFive(both, 3);
    });

    test('one worker accepting 4 overlapping postings, alternating gateways: exactly 1', async () => {
      await oneForFour(both, 4, workers[1]);
    });

    test('a storm: 20 workers each accept 3 overlapping postings of 4 slots at once, on both gateways', async () => {
      const shifts = await Promise.all([0, 1, 2].map((k) => post({ slots: 4, ...day(5, k) })));
      const crowd = workers.slice(20);
      const requests = crowd.flatMap((worker, w) => shifts.map((shift, s) => ({ worker, shift, gql: both(w + s) })));
      const results = await Promise.all(requests.map(({ gql, worker, shift }) => accept(gql, worker, shift.id)));

      const counts = tally(results);
      // 20 workers cannot all be placed on 12 slots, and a worker refused everywhere found every posting full.
      expect(counts.OK).toBe(12);
      expect(Object.keys(counts).sort()).toEqual(['CONFLICT/SHIFT_FULL', 'CONFLICT/WORKER_BUSY', 'OK'].filter((key) => counts[key]).sort());
      const placedWorkers = requests.filter((_, i) => !results[i].errors).map((request) => request.worker.workerId);
      expect(new Set(placedWorkers).size).toBe(12);
      for (const shift of shifts) expect((await readShift(shift.id)).slotsFilled).toBe(4);
    });

    test('after the storms the read side shows both invariants', async () => {
      // Every posting of the suite: never more slot-holding placements than slots, and slotsFilled agrees.
      for (const [i, shift] of postings.entries()) {
        const read = await readShift(shift.id, both(i));
        const holding = read.placements.filter((p) => SLOT_HOLDING.includes(p.status));
        expect({ shift: shift.id, holding: holding.length <= read.slots, filled: read.slotsFilled }).toEqual({
          shift: shift.id,
          holding: true,
          filled: holding.length,
        });
        expect(read.status).toBe(holding.length === read.slots ? 'FILLED' : 'OPEN');
      }

      // Every worker: no two overlapping placements in PENDING_LENDER, CONFIRMED or CHECKED_IN.
      const live: { id: string; worker: { id: string }; shift: { id: string; startsAt: string; endsAt: string } }[] = [];
      let after: string | null = null;
      for (;;) {
        const page: any = dataOf(
          await app.gql(OPS.placements, { organizationId: scene.lenderId, status: SCHEDULED, first: 50, after }, scene.lenderStaff.token),
          'placements',
        ).placements;
        live.push(...page.edges.map((edge: any) => edge.node));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      // 5 + 1 + 5 + 1 + 12 placements were made above, none released.
      expect(live).toHaveLength(24);
      const byWorker = new Map<string, typeof live>();
      for (const placement of live) byWorker.set(placement.worker.id, [...(byWorker.get(placement.worker.id) ?? []), placement]);
      for (const [workerId, placements] of byWorker) {
        const sorted = [...placements].sort((a, b) => Date.parse(a.shift.startsAt) - Date.parse(b.shift.startsAt));
        for (let i = 1; i < sorted.length; i++) {
          const overlap = Date.parse(sorted[i].shift.startsAt) < Date.parse(sorted[i - 1].shift.endsAt);
          expect({ workerId, overlap }).toEqual({ workerId, overlap: false });
        }
      }
      // The retailer's view agrees with the lender's.
      const retailerSide = dataOf(
        await second.gql(OPS.placements, { organizationId: scene.retailerId, status: SCHEDULED, first: 1 }, scene.retailerAdmin.token),
        'placements',
      ).placements;
      expect(retailerSide.totalCount).toBe(24);
      expect(refusal(await second.gql(OPS.placements, { organizationId: scene.retailerId }, workers[0].token))?.code).toBe('FORBIDDEN');
    });
  });
});
