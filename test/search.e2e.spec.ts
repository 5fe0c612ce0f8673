import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore, type NewEvent } from '@blue-ocean/event-store';
import { ManualClock } from '@blue-ocean/kernel';
import { ProjectionRunner } from '@blue-ocean/persistence';
import { refusal, startTestApp, TestApp } from './support/app';
import {
  addSite,
  createMarketplaceScene,
  dataOf,
  DAY,
  HOUR,
  iso,
  OPS,
  registerOrganization,
  Scene,
  SceneWorker,
  Shift,
  signUpUser,
  User,
  WorkerOptions,
} from './support/marketplace-fixtures';

// Monday 2026-03-02, 10:00 in Shanghai. The clock moves only in the last tests.
const T0 = new Date('2026-03-02T02:00:00Z');
/** The retailer's main site (People's Square); every other place is so many km due north of it. */
const SITE = { lat: 31.2304, lng: 121.4737 };
const north = (km: number) => ({ lat: SITE.lat + km / 111.195, lng: SITE.lng });

const OPEN_SHIFTS = `query($filter: OpenShiftsFilter, $first: Int, $after: String) {
  openShifts(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id role title distanceKm status slotsFilled site { id } retailer { id } } }
  }
}`;
const AVAILABLE_WORKERS = `query($shiftId: ID!, $first: Int, $after: String) {
  availableWorkers(filter: { shiftId: $shiftId }, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { distanceKm worker { id fullName health { code } } offer { id maxTravelKm minHourlyRate roles autoApprove active } } }
  }
}`;

type ShiftNode = { id: string; role: string; title: string; distanceKm: number; status: string };
type CandidateNode = { distanceKm: number; worker: { id: string; fullName: string; health: { code: string } }; offer: { id: string; maxTravelKm: number; minHourlyRate: string } };
type Connection<N> = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: N }[] };

describe('search: openShifts and availableWorkers over HTTP', () => {
  const clock = new ManualClock(T0);
  let app: TestApp;
  let scene: Scene;
  let store: EventStore;
  let projections: ProjectionRunner;
  const w: Record<string, SceneWorker> = {};
  const s: Record<string, Shift> = {};
  let northSite: string, farSite: string;
  let stranger: User, otherRetailerAdmin: User;
  /** The worker of a lender verified late (availableWorkers tests): 0.5 km from the main site. */
  let pendingWorkerId: string;

  const now = () => clock.now().getTime();
  const at = (startsIn: number, hours = 8) => ({ startsAt: iso(now() + startsIn), endsAt: iso(now() + startsIn + hours * HOUR) });

  async function openShifts(worker: User, filter: Record<string, unknown> | null = null, first?: number, after?: string) {
    return app.gql<{ openShifts: Connection<ShiftNode> }>(OPEN_SHIFTS, { filter, first, after }, worker.token);
  }
  async function openShiftIds(worker: User, filter: Record<string, unknown> | null = null): Promise<string[]> {
    return dataOf(await openShifts(worker, filter, 100), 'openShifts').openShifts.edges.map((e) => e.node.id);
  }
  async function availableWorkers(shiftId: string, by: User = scene.retailerAdmin, first?: number, after?: string) {
    return app.gql<{ availableWorkers: Connection<CandidateNode> }>(AVAILABLE_WORKERS, { shiftId, first, after }, by.token);
  }
  async function candidateIds(shiftId: string): Promise<string[]> {
    return dataOf(await availableWorkers(shiftId, scene.retailerAdmin, 100), 'availableWorkers').availableWorkers.edges.map((e) => e.node.worker.id);
  }
  const ids = (...names: string[]) => names.map((name) => w[name].workerId);

  /** Writes events as if an older version of the API had let them through, then waits for the read models. */
  async function inject(streamId: string, type: string, data: Record<string, unknown>): Promise<void> {
    const event: NewEvent = { id: randomUUID(), type, data, metadata: { actor: null, occurredAt: clock.now().toISOString(), schemaVersion: 1 } };
    const { position } = await store.append(streamId, [event], 'any');
    await projections.passed(position);
  }

  const worker = async (name: string, km: number, options: WorkerOptions = {}) => {
    w[name] = await scene.addWorker({ fullName: name, homeLocation: north(km), ...options });
  };

  beforeAll(async () => {
    app = await startTestApp({}, { clock });
    store = app.app.get<EventStore>(EVENT_STORE);
    projections = app.app.get(ProjectionRunner);
    scene = await createMarketplaceScene(app, { clock });
    [stranger, otherRetailerAdmin] = await Promise.all(['stranger@search.test', 'owner@other-retailer.test'].map((email) => signUpUser(app, email)));
    await registerOrganization(app, otherRetailerAdmin, { kinds: ['RETAILER'], verifiedBy: scene.admin, name: 'Other Mart' });
    northSite = await addSite(app, scene.retailerAdmin, scene.retailerId, { name: 'North store', location: north(6) });
    farSite = await addSite(app, scene.retailerAdmin, scene.retailerId, { name: 'South store', location: north(-29) });

    // Default offer: PICKER/PACKER, now → now+30 days, from 25.00, 15 km, autoApprove; attested GREEN.
    await worker('near', 1);
    await worker('mid', 5);
    await worker('farButWilling', 20, { offer: { maxTravelKm: 30 } });
    await worker('far', 20, { offer: { roles: ['PICKER'] } });
    await worker('otherRole', 2, { offer: { roles: ['CASHIER'] } });
    await worker('dear', 3, { offer: { minHourlyRate: '40.00' } });
    await worker('leavingSoon', 4, { offer: { availableUntil: iso(now() + DAY) } });
    await worker('amber', 2.5, { health: null });
    await worker('busy', 3.5);
    await worker('withdrawn', 1.5);
    dataOf(await app.gql(OPS.withdraw, { id: w.withdrawn.offerId }, scene.lenderStaff.token), 'withdrawLendingOffer');

    // The postings every test looks at: 2 days ahead, 8 hours, 30.00, at the main site unless said.
    const post = async (name: string, overrides: Record<string, unknown>) => {
      s[name] = await scene.postShift({ title: name, ...at(2 * DAY), ...overrides });
    };
    await post('picker', { slots: 5 });
    await post('pickerNoGreen', { slots: 5, requiresGreenCode: false });
    await post('taken', { slots: 1 });
    await post('packerNorth', { role: 'PACKER', siteId: northSite, ...at(3 * DAY) });
    await post('cashier', { role: 'CASHIER' });
    await post('cheap', { hourlyRate: '20.00' });
    await post('tooLate', at(40 * DAY));
    await post('farAway', { siteId: farSite });
    await post('cancelled', {});
    await post('rich', { hourlyRate: '40.00' });
    dataOf(await app.gql(OPS.cancelShift, { shiftId: s.cancelled.id, reason: 'not needed' }, scene.retailerAdmin.token), 'cancelShift');
    // "busy" takes "taken" (same hours as "picker"): CONFIRMED at once (autoApprove), and the posting is FILLED.
    dataOf(await app.gql(OPS.acceptShift, { shiftId: s.taken.id }, w.busy.token), 'acceptShift');
  }, 120_000);
  afterAll(() => app?.close());

  describe('availableWorkers', () => {
    it('lists the lent workers whose offer covers the posting, green and free, nearest first', async () => {
      const page = dataOf(await availableWorkers(s.picker.id), 'availableWorkers').availableWorkers;
      expect(page.edges.map((e) => e.node.worker.id)).toEqual(ids('near', 'mid', 'farButWilling'));
      expect(page.totalCount).toBe(3);
      expect(page.pageInfo.hasNextPage).toBe(false);
      const [near, mid, farButWilling] = page.edges.map((e) => e.node);
      expect(near.distanceKm).toBeCloseTo(1, 2);
      expect(mid.distanceKm).toBeCloseTo(5, 2);
      expect(farButWilling.distanceKm).toBeCloseTo(20, 2);
      expect(near.worker).toEqual({ id: w.near.workerId, fullName: 'near', health: { code: 'GREEN' } });
      expect(near.offer).toEqual({ id: w.near.offerId, maxTravelKm: 15, minHourlyRate: '25.00', roles: ['PICKER', 'PACKER'], autoApprove: true, active: true });
      expect(farButWilling.offer.maxTravelKm).toBe(30);
    });

    it('leaves out, each for its one reason: too far, other role, rate too high, window too short, withdrawn, AMBER, busy', async () => {
      const found = await candidateIds(s.picker.id);
      for (const name of ['far', 'otherRole', 'dear', 'leavingSoon', 'withdrawn', 'amber', 'busy']) expect(found).not.toContain(w[name].workerId);
      // Each is a candidate where its one reason does not hold: "dear" at its rate, "otherRole" for
      // its role, "busy" at another time (the North store is 5 km from the main site).
      expect(await candidateIds(s.rich.id)).toEqual(ids('near', 'dear', 'mid', 'farButWilling'));
      expect(await candidateIds(s.packerNorth.id)).toEqual(ids('mid', 'busy', 'near', 'farButWilling'));
      expect(await candidateIds(s.cashier.id)).toEqual(ids('otherRole'));
    });

    it('includes an AMBER worker when the posting does not require a green code', async () => {
      expect(await candidateIds(s.pickerNoGreen.id)).toEqual(ids('near', 'amber', 'mid', 'farButWilling'));
    });

    it('pages with cursors: the same list, in order, with hasNextPage and a constant totalCount', async () => {
      const seen: string[] = [];
      let after: string | undefined;
      for (let pages = 1; ; pages++) {
        const page = dataOf(await availableWorkers(s.pickerNoGreen.id, scene.retailerStaff, 1, after), 'availableWorkers').availableWorkers;
        expect(page.totalCount).toBe(4);
        seen.push(...page.edges.map((e) => e.node.worker.id));
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
        if (!page.pageInfo.hasNextPage) {
          expect(pages).toBe(4);
          break;
        }
        after = page.pageInfo.endCursor!;
      }
      expect(seen).toEqual(ids('near', 'amber', 'mid', 'farButWilling'));
      const pair = dataOf(await availableWorkers(s.pickerNoGreen.id, scene.retailerStaff, 2), 'availableWorkers').availableWorkers;
      expect(pair.edges.map((e) => e.node.worker.id)).toEqual(ids('near', 'amber'));
      const rest = dataOf(await availableWorkers(s.pickerNoGreen.id, scene.retailerStaff, 2, pair.pageInfo.endCursor!), 'availableWorkers').availableWorkers;
      expect(rest.edges.map((e) => e.node.worker.id)).toEqual(ids('mid', 'farButWilling'));
      expect(rest.pageInfo.hasNextPage).toBe(false);
      expect(refusal(await availableWorkers(s.picker.id, scene.retailerAdmin, 2, 'not-a-cursor'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(refusal(await availableWorkers(s.picker.id, scene.retailerAdmin, 0))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });

    it("is for the retailer's members only; an unknown posting is NOT_FOUND", async () => {
      expect(dataOf(await availableWorkers(s.picker.id, scene.retailerStaff), 'staff').availableWorkers.totalCount).toBe(3);
      for (const outsider of [otherRetailerAdmin, scene.lenderAdmin, w.near, stranger, scene.admin]) {
        expect(refusal(await availableWorkers(s.picker.id, outsider))).toMatchObject({ code: 'FORBIDDEN' });
      }
      expect(refusal(await availableWorkers(randomUUID()))).toMatchObject({ code: 'NOT_FOUND' });
      expect(refusal(await availableWorkers('nonsense'))).toMatchObject({ code: 'NOT_FOUND' });
      expect(refusal(await app.gql(AVAILABLE_WORKERS, { shiftId: s.picker.id }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it("lets the retailer read a candidate's profile, and no other worker's", async () => {
      const read = (workerId: string, by: User) => app.gql(`query($id: ID!) { worker(id: $id) { id fullName } }`, { id: workerId }, by.token);
      expect(dataOf(await read(w.near.workerId, scene.retailerStaff), 'worker').worker).toEqual({ id: w.near.workerId, fullName: 'near' });
      expect(dataOf(await read(w.amber.workerId, scene.retailerStaff), 'worker').worker.id).toBe(w.amber.workerId);
      expect(refusal(await read(w.far.workerId, scene.retailerStaff))).toMatchObject({ code: 'NOT_FOUND' });
      expect(refusal(await read(w.near.workerId, otherRetailerAdmin))).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('hides the workers of an unverified lender, until it is verified', async () => {
      const owner = await signUpUser(app, 'owner@pending-lender.test');
      const lenderId = await registerOrganization(app, owner, { kinds: ['LENDER'], name: 'Not Yet Verified' });
      const enrolled = dataOf(
        await app.gql(OPS.enroll, { input: { employerId: lenderId, fullName: 'pending', phone: '+86 138 0000 0001', skills: ['PICKER'], homeLocation: north(0.5) } }, owner.token),
        'enrollWorker',
      ).enrollWorker;
      const workerId = (pendingWorkerId = enrolled.worker.id as string);
      dataOf(await app.gql(OPS.attest, { input: { workerId, code: 'GREEN', validUntil: iso(now() + 60 * DAY), reference: 'P-1' } }, scene.admin.token), 'attestHealth');
      // A pending lender cannot offer anyone; an offer from before verification existed is injected.
      await inject(`worker-${workerId}`, 'LendingOfferMade', {
        workerId, offerId: randomUUID(), availableFrom: iso(now()), availableUntil: iso(now() + 30 * DAY), roles: ['PICKER'],
        minHourlyRate: '25.00', maxTravelKm: 15, autoApprove: true, at: iso(now()),
      });
      expect(await candidateIds(s.picker.id)).not.toContain(workerId);
      dataOf(await app.gql(OPS.verify, { id: lenderId, approve: true }, scene.admin.token), 'verifyOrganization');
      expect((await candidateIds(s.picker.id))[0]).toBe(workerId);
    });
  });

  describe('openShifts', () => {
    it('lists the bookable postings the worker\'s active offers cover, nearest first, with distanceKm', async () => {
      const page = dataOf(await openShifts(w.near), 'openShifts').openShifts;
      // Three at the main site (1 km from home: same distance, so by id), then the North store (5 km).
      expect(page.edges.map((e) => e.node.id)).toEqual([...[s.picker.id, s.pickerNoGreen.id, s.rich.id].sort(), s.packerNorth.id]);
      const byId = Object.fromEntries(page.edges.map((e) => [e.node.id, e.node]));
      expect(byId[s.picker.id].distanceKm).toBeCloseTo(1, 2);
      expect(byId[s.packerNorth.id].distanceKm).toBeCloseTo(5, 2);
      const distances = page.edges.map((e) => e.node.distanceKm);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      expect(page.edges.at(-1)!.node.id).toBe(s.packerNorth.id);
      expect(page.totalCount).toBe(4);
      expect(page.edges.every((e) => e.node.status === 'OPEN')).toBe(true);
    });

    it('leaves out: other role, rate too low, outside the offer window, too far, FILLED, CANCELLED', async () => {
      const found = await openShiftIds(w.near);
      for (const name of ['cashier', 'cheap', 'tooLate', 'farAway', 'taken', 'cancelled']) expect(found).not.toContain(s[name].id);
      // Where the one reason does not hold, the posting is there.
      expect(await openShiftIds(w.otherRole)).toEqual([s.cashier.id]);
      expect(await openShiftIds(w.dear)).toEqual([s.rich.id]);
      expect(await openShiftIds(w.withdrawn)).toEqual([]);
      const southerner = await scene.addWorker({ fullName: 'southerner', homeLocation: north(-25) });
      expect(await openShiftIds(southerner)).toEqual([s.farAway.id]);
    });

    it('filters by role, time and a shorter distance (a filter narrows, never widens, the lender\'s maxTravelKm)', async () => {
      expect(await openShiftIds(w.near, { role: 'PACKER' })).toEqual([s.packerNorth.id]);
      expect(await openShiftIds(w.near, { maxDistanceKm: 3 })).not.toContain(s.packerNorth.id);
      expect((await openShiftIds(w.near, { maxDistanceKm: 3 })).length).toBe(3);
      expect(await openShiftIds(w.near, { maxDistanceKm: 100 })).not.toContain(s.farAway.id);
      expect(await openShiftIds(w.near, { from: iso(now() + 2.5 * DAY) })).toEqual([s.packerNorth.id]);
      expect(await openShiftIds(w.near, { until: s.picker.endsAt })).not.toContain(s.packerNorth.id);
      expect(refusal(await openShifts(w.near, { maxDistanceKm: -1 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxDistanceKm' });
    });

    it('pages with cursors on (distance, id)', async () => {
      const all = await openShiftIds(w.near);
      const first = dataOf(await openShifts(w.near, null, 3), 'openShifts').openShifts;
      expect(first.pageInfo.hasNextPage).toBe(true);
      expect(first.totalCount).toBe(all.length);
      const second = dataOf(await openShifts(w.near, null, 3, first.pageInfo.endCursor!), 'openShifts').openShifts;
      expect(second.pageInfo.hasNextPage).toBe(false);
      expect(second.totalCount).toBe(all.length);
      expect([...first.edges, ...second.edges].map((e) => e.node.id)).toEqual(all);
      expect(refusal(await openShifts(w.near, null, 3, Buffer.from('["candidate",1,1,"x"]').toString('base64url')))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('is for workers only', async () => {
      expect(refusal(await openShifts(scene.retailerAdmin))).toMatchObject({ code: 'FORBIDDEN' });
      expect(refusal(await openShifts(stranger))).toMatchObject({ code: 'FORBIDDEN' });
      expect(refusal(await app.gql(OPEN_SHIFTS, {}))).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('hides the postings of an unverified retailer, until it is verified', async () => {
      const owner = await signUpUser(app, 'owner@pending-retailer.test');
      const retailerId = await registerOrganization(app, owner, { kinds: ['RETAILER'], name: 'Pending Mart' });
      const siteId = await addSite(app, owner, retailerId, { location: north(1) });
      const shiftId = randomUUID();
      // A pending retailer cannot post; a posting from before verification existed is injected.
      await inject(`shift-${shiftId}`, 'ShiftPosted', {
        shiftId, retailerId, siteId, siteTimeZone: 'Asia/Shanghai', role: 'PICKER', title: 'pending', description: null,
        ...at(2 * DAY), unpaidBreakMinutes: 0, slots: 1, hourlyRate: '30.00', currency: 'CNY', requiresGreenCode: true, postedAt: iso(now()),
      });
      expect(await openShiftIds(w.near)).not.toContain(shiftId);
      dataOf(await app.gql(OPS.verify, { id: retailerId, approve: true }, scene.admin.token), 'verifyOrganization');
      const page = dataOf(await openShifts(w.near), 'openShifts').openShifts;
      expect(page.edges[0].node).toMatchObject({ id: shiftId, distanceKm: 0 });
    });
  });

  describe('changes', () => {
    it('takes a worker back once the overlapping placement is cancelled', async () => {
      const placements = dataOf(await app.gql(OPS.shiftPlacements, { id: s.taken.id }, scene.retailerAdmin.token), 'shift').shift.placements;
      dataOf(await app.gql(OPS.cancelPlacement, { placementId: placements[0].id, reason: 'family matters' }, w.busy.token), 'cancelPlacement');
      expect(await candidateIds(s.picker.id)).toEqual([pendingWorkerId, ...ids('near', 'busy', 'mid', 'farButWilling')]);
    });
  });

  describe('time', () => {
    it('drops a GREEN code when its attestation expires, and postings once they start', async () => {
      const expiring = await scene.addWorker({ fullName: 'expiring', homeLocation: north(0.2), health: null });
      dataOf(
        await app.gql(OPS.attest, { input: { workerId: expiring.workerId, code: 'GREEN', validUntil: iso(now() + DAY), reference: 'X-1' } }, scene.admin.token),
        'attestHealth',
      );
      const later = await scene.postShift({ title: 'later', ...at(5 * DAY), slots: 3 });
      expect((await candidateIds(later.id))[0]).toBe(expiring.workerId);
      expect(await openShiftIds(expiring)).toContain(s.picker.id);

      clock.advance(DAY + HOUR);
      expect(await candidateIds(later.id)).not.toContain(expiring.workerId);
      expect((await candidateIds(s.pickerNoGreen.id))[0]).toBe(expiring.workerId);

      clock.advance(DAY);
      expect(await openShiftIds(expiring)).not.toContain(s.picker.id);
      expect(await openShiftIds(expiring)).toContain(later.id);
    });
  });
});
