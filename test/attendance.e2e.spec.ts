import { ManualClock } from '@blue-ocean/kernel';
import { GraphQLResponse, refusal, startTestApp, TestApp } from './support/app';
import {
  addSite,
  createMarketplaceScene,
  dataOf,
  DAY,
  eventually,
  GeoPoint,
  HOUR,
  iso,
  MINUTE,
  OPS,
  registerOrganization,
  Scene,
  SceneWorker,
  Shift,
  ShiftInput,
  signUpUser,
  User,
} from './support/marketplace-fixtures';

// Monday 2026-03-02, 10:00 in Shanghai. The clock only moves forward, test after test: every test
// posts its shifts relative to "now" and moves time itself.
const T0 = new Date('2026-03-02T02:00:00Z');
const SECOND = 1000;

const ATTENDANCE_FIELDS = 'id status checkInAt checkOutAt workedMinutes';
const OPS_ATTENDANCE = {
  checkIn: `mutation($input: CheckInInput!) { checkIn(input: $input) { ${ATTENDANCE_FIELDS} } }`,
  checkOut: `mutation($input: CheckOutInput!) { checkOut(input: $input) { ${ATTENDANCE_FIELDS} } }`,
  rateWorker: `mutation($input: RatingInput!) { rateWorker(input: $input) { id status } }`,
  placement: `query($id: ID!) { placement(id: $id) { ${ATTENDANCE_FIELDS} } }`,
  worker: `query($id: ID!) { worker(id: $id) { id reliability rating health { code source validUntil } history { type data } } }`,
  closeContacts: `query($workerId: ID!, $days: Int) {
    closeContacts(workerId: $workerId, days: $days) { worker { id } site { id } overlapMinutes lastOverlapAt }
  }`,
} as const;

type Attendance = { id: string; status: string; checkInAt: string | null; checkOutAt: string | null; workedMinutes: number | null };

describe('attendance over HTTP', () => {
  const clock = new ManualClock(T0);
  let app: TestApp;
  let scene: Scene;
  let stranger: User, otherLenderAdmin: User;
  /** A second site of the scene's retailer, about 3 km from the first. */
  let otherSiteId: string;
  const otherSite: GeoPoint = { lat: 31.2584, lng: 121.4737 };

  beforeAll(async () => {
    app = await startTestApp({}, { clock });
    scene = await createMarketplaceScene(app, { clock });
    [stranger, otherLenderAdmin] = await Promise.all(['stranger@nowhere.test', 'owner@other-lender.test'].map((email) => signUpUser(app, email)));
    await registerOrganization(app, otherLenderAdmin, { kinds: ['LENDER'], verifiedBy: scene.admin, name: 'Other Lender' });
    otherSiteId = await addSite(app, scene.retailerAdmin, scene.retailerId, { name: 'North store', location: otherSite });
  }, 60_000);
  afterAll(() => app?.close());

  // ───────────── helpers ─────────────

  const now = () => clock.now().getTime();
  const fromNow = (ms: number) => iso(now() + ms);
  /** `meters` due north of a point (about 111 km per degree of latitude). */
  const north = (point: GeoPoint, meters: number): GeoPoint => ({ lat: point.lat + meters / 111_195, lng: point.lng });
  const onSite = () => north(scene.siteLocation, 50);

  /** A shift starting `startsIn` from now, `hours` long, with `slots` slots. */
  const postShift = (startsIn: number, hours: number, overrides: Partial<ShiftInput> = {}): Promise<Shift> =>
    scene.postShift({ startsAt: fromNow(startsIn), endsAt: fromNow(startsIn + hours * HOUR), ...overrides });

  async function accepted(worker: User, shiftId: string): Promise<string> {
    const placement = dataOf(await app.gql(OPS.acceptShift, { shiftId }, worker.token), 'acceptShift').acceptShift;
    expect(placement.status).toBe('CONFIRMED');
    return placement.id as string;
  }

  const checkIn = (by: User, placementId: string, options: { location?: GeoPoint; temperatureCelsius?: number; idempotencyKey?: string } = {}) =>
    app.gql<{ checkIn: Attendance }>(
      OPS_ATTENDANCE.checkIn,
      { input: { placementId, location: options.location ?? onSite(), temperatureCelsius: options.temperatureCelsius ?? 36.6, idempotencyKey: options.idempotencyKey } },
      by.token,
    );
  const checkOut = (by: User, placementId: string, location: GeoPoint = onSite()) =>
    app.gql<{ checkOut: Attendance }>(OPS_ATTENDANCE.checkOut, { input: { placementId, location } }, by.token);
  const rate = (by: User, placementId: string, stars: number, comment?: string) =>
    app.gql<{ rateWorker: Attendance }>(OPS_ATTENDANCE.rateWorker, { input: { placementId, stars, comment } }, by.token);
  const traceContacts = (by: User, workerId: string, days?: number) =>
    app.gql<{ closeContacts: { worker: { id: string }; site: { id: string }; overlapMinutes: number; lastOverlapAt: string }[] }>(
      OPS_ATTENDANCE.closeContacts,
      { workerId, days },
      by.token,
    );

  async function checkedIn(worker: User, placementId: string, location?: GeoPoint): Promise<Attendance> {
    return dataOf(await checkIn(worker, placementId, { location }), 'checkIn').checkIn;
  }
  async function checkedOut(worker: User, placementId: string): Promise<Attendance> {
    return dataOf(await checkOut(worker, placementId), 'checkOut').checkOut;
  }

  async function readPlacement(id: string, by: User = scene.lenderStaff): Promise<Attendance> {
    return dataOf(await app.gql(OPS_ATTENDANCE.placement, { id }, by.token), 'placement').placement;
  }
  async function placementHistory(id: string): Promise<string[]> {
    const history = dataOf(await app.gql(OPS.placementHistory, { id }, scene.lenderStaff.token), 'placement.history').placement.history;
    return history.map((event: { type: string }) => event.type);
  }
  async function readWorker(workerId: string, by: User = scene.lenderStaff) {
    return dataOf(await app.gql(OPS_ATTENDANCE.worker, { id: workerId }, by.token), 'worker').worker as {
      id: string;
      reliability: number;
      rating: number | null;
      health: { code: string; source: string; validUntil: string | null };
      history: { type: string; data: string }[];
    };
  }
  async function readShift(id: string): Promise<Shift> {
    return dataOf(await app.gql(OPS.shift, { id }, scene.retailerAdmin.token), 'shift').shift;
  }

  function expectRefused(response: GraphQLResponse, reason: string) {
    expect(refusal(response)).toMatchObject({ code: 'CONFLICT', reason });
    expect(response.data?.[Object.keys(response.data ?? {})[0]] ?? null).toBeNull();
  }

  // ───────────── check-in ─────────────

  describe('checkIn', () => {
    test('the worker checks in on site, from 30 minutes before the start; check-in opens no earlier', async () => {
      const shift = await postShift(HOUR, 4);
      const worker = await scene.addWorker();
      const placementId = await accepted(worker, shift.id);

      // An hour before the start: too early, and nothing is written.
      expectRefused(await checkIn(worker, placementId), 'CHECK_IN_WINDOW');
      clock.advance(29 * MINUTE);
      expectRefused(await checkIn(worker, placementId), 'CHECK_IN_WINDOW');
      expect(await placementHistory(placementId)).toEqual(['WorkerPlaced']);

      clock.advance(MINUTE); // exactly 30 minutes before the start
      const result = await checkIn(worker, placementId, { idempotencyKey: 'check-in-1' });
      expect(result.errors).toBeUndefined();
      expect(result.data!.checkIn).toEqual({ id: placementId, status: 'CHECKED_IN', checkInAt: iso(clock.now()), checkOutAt: null, workedMinutes: null });
      // The same key again: the first answer, nothing more written.
      clock.advance(SECOND);
      expect((await checkIn(worker, placementId, { idempotencyKey: 'check-in-1' })).data!.checkIn).toEqual(result.data!.checkIn);
      expect(await placementHistory(placementId)).toEqual(['WorkerPlaced', 'WorkerCheckedIn']);
      // Without a key, a second check-in is not a transition a checked-in placement makes.
      expectRefused(await checkIn(worker, placementId), 'INVALID_TRANSITION');
      // The slot stays taken.
      expect((await readShift(shift.id)).slotsFilled).toBe(1);
    });

    test('OUTSIDE_GEOFENCE: beyond the site\'s radius (great-circle distance); the radius itself is inside', async () => {
      const shift = await postShift(20 * MINUTE, 4);
      const worker = await scene.addWorker();
      const placementId = await accepted(worker, shift.id);

      expectRefused(await checkIn(worker, placementId, { location: north(scene.siteLocation, 260) }), 'OUTSIDE_GEOFENCE');
      expectRefused(await checkIn(worker, placementId, { location: { lat: scene.siteLocation.lat, lng: scene.siteLocation.lng + 0.01 } }), 'OUTSIDE_GEOFENCE');
      expect(await placementHistory(placementId)).toEqual(['WorkerPlaced']);
      expect((await readPlacement(placementId)).status).toBe('CONFIRMED');

      expect((await checkedIn(worker, placementId, north(scene.siteLocation, 190))).status).toBe('CHECKED_IN');
    });

    test('FEVER: refused, the screening turns the worker RED (CHECK_IN_SCREENING, 14 days), the placement is untouched', async () => {
      const shift = await postShift(20 * MINUTE, 4);
      const worker = await scene.addWorker();
      const placementId = await accepted(worker, shift.id);
      expect((await readWorker(worker.workerId)).health).toMatchObject({ code: 'GREEN', source: 'AUTHORITY_ATTESTATION' });

      const fever = await checkIn(worker, placementId, { temperatureCelsius: 37.3, idempotencyKey: 'fever-1' });
      expectRefused(fever, 'FEVER');
      const read = await readWorker(worker.workerId);
      expect(read.health).toEqual({ code: 'RED', source: 'CHECK_IN_SCREENING', validUntil: iso(now() + 14 * DAY) });
      const screenings = read.history.filter((event) => event.type === 'ScreeningFailed');
      expect(screenings).toHaveLength(1);
      expect(JSON.parse(screenings[0].data)).toMatchObject({ temperatureCelsius: 37.3, placementId });
      // The worker sees it too.
      expect((await readWorker(worker.workerId, worker)).health.code).toBe('RED');

      expect(await placementHistory(placementId)).toEqual(['WorkerPlaced']);
      expect(await readPlacement(placementId)).toMatchObject({ status: 'CONFIRMED', checkInAt: null });

      // The same key repeats the refusal without a second screening.
      expectRefused(await checkIn(worker, placementId, { temperatureCelsius: 37.3, idempotencyKey: 'fever-1' }), 'FEVER');
      expect((await readWorker(worker.workerId)).history.filter((event) => event.type === 'ScreeningFailed')).toHaveLength(1);

      // Back with a normal temperature: the posting needs a green code, and the worker is RED now.
      expectRefused(await checkIn(worker, placementId, { temperatureCelsius: 36.5 }), 'HEALTH_CODE_NOT_GREEN');
      expect(await placementHistory(placementId)).toEqual(['WorkerPlaced']);
    });

    test('HEALTH_CODE_NOT_GREEN only where the posting requires a green code', async () => {
      const strict = await postShift(20 * MINUTE, 4);
      const relaxed = await postShift(5 * HOUR, 4, { requiresGreenCode: false });
      const worker = await scene.addWorker();
      const strictId = await accepted(worker, strict.id);
      const relaxedId = await accepted(worker, relaxed.id);
      // An authority re-grades the worker AMBER after the booking.
      const input = { workerId: worker.workerId, code: 'AMBER', validUntil: fromNow(30 * DAY), reference: 'SH-AMBER-1' };
      dataOf(await app.gql(OPS.attest, { input }, scene.admin.token), 'attestHealth');
      expect((await readWorker(worker.workerId)).health.code).toBe('AMBER');

      expectRefused(await checkIn(worker, strictId), 'HEALTH_CODE_NOT_GREEN');
      expect(await placementHistory(strictId)).toEqual(['WorkerPlaced']);

      clock.advance(4 * HOUR + 40 * MINUTE); // 20 minutes before the relaxed shift
      expect((await checkedIn(worker, relaxedId)).status).toBe('CHECKED_IN');
    });

    test('CHECK_IN_WINDOW after the end (and at the end itself)', async () => {
      const shift = await postShift(20 * MINUTE, 1);
      const worker = await scene.addWorker();
      const placementId = await accepted(worker, shift.id);
      clock.advance(80 * MINUTE); // the end
      expectRefused(await checkIn(worker, placementId), 'CHECK_IN_WINDOW');
      clock.advance(HOUR);
      expectRefused(await checkIn(worker, placementId), 'CHECK_IN_WINDOW');
      expect((await placementHistory(placementId)).filter((type) => type === 'WorkerCheckedIn')).toEqual([]);
    });

    test('only the placement\'s worker checks in: its other parties are FORBIDDEN, everyone else NOT_FOUND', async () => {
      const shift = await postShift(20 * MINUTE, 4);
      const [worker, colleague] = await scene.addWorkers(2);
      const placementId = await accepted(worker, shift.id);
      for (const party of [scene.retailerAdmin, scene.retailerStaff, scene.lenderAdmin, scene.lenderStaff, scene.admin]) {
        expect({ who: party.email, code: refusal(await checkIn(party, placementId))?.code }).toEqual({ who: party.email, code: 'FORBIDDEN' });
      }
      for (const outsider of [colleague, stranger, otherLenderAdmin]) {
        expect({ who: outsider.email, code: refusal(await checkIn(outsider, placementId))?.code }).toEqual({ who: outsider.email, code: 'NOT_FOUND' });
      }
      expect(refusal(await checkIn(worker, '00000000-0000-4000-8000-000000000000'))?.code).toBe('NOT_FOUND');
      expect(refusal(await checkIn(worker, 'not-an-id'))?.code).toBe('NOT_FOUND');
      expect(refusal(await app.gql(OPS_ATTENDANCE.checkIn, { input: { placementId, location: onSite(), temperatureCelsius: 36.6 } }))?.code).toBe(
        'UNAUTHENTICATED',
      );
      expect(await placementHistory(placementId)).toEqual(['WorkerPlaced']);
    });

    test('input is validated field by field', async () => {
      const shift = await postShift(20 * MINUTE, 4);
      const worker = await scene.addWorker();
      const placementId = await accepted(worker, shift.id);
      expect(refusal(await checkIn(worker, placementId, { temperatureCelsius: 98.6 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'temperatureCelsius' });
      expect(refusal(await checkIn(worker, placementId, { location: { lat: 91, lng: 0 } }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'location' });
      expect(refusal(await checkIn(worker, placementId, { idempotencyKey: '' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
      expect(await placementHistory(placementId)).toEqual(['WorkerPlaced']);
      expect((await readWorker(worker.workerId)).health.code).toBe('GREEN');
    });
  });

  // ───────────── check-out ─────────────

  describe('checkOut', () => {
    test('workedMinutes: from max(check-in, start) to check-out, whole minutes, less the unpaid break', async () => {
      const shift = await postShift(HOUR, 4, { slots: 2, unpaidBreakMinutes: 30 });
      const [early, late] = await scene.addWorkers(2);
      const earlyId = await accepted(early, shift.id);
      const lateId = await accepted(late, shift.id);

      clock.advance(40 * MINUTE); // 20 minutes early: paid from the start
      await checkedIn(early, earlyId);
      clock.advance(35 * MINUTE); // 15 minutes late: paid from the check-in
      const lateCheckIn = await checkedIn(late, lateId);
      expect(lateCheckIn.checkInAt).toBe(iso(clock.now()));

      // Only the worker checks out; a worker not checked in cannot.
      expect(refusal(await checkOut(scene.retailerAdmin, lateId))?.code).toBe('FORBIDDEN');
      expect(refusal(await checkOut(stranger, lateId))?.code).toBe('NOT_FOUND');

      clock.advance(3 * HOUR + 20 * MINUTE + 50 * SECOND); // start + 3 h 35 min 50 s
      const lateOut = await checkedOut(late, lateId);
      // 3 h 20 min 50 s present = 200 whole minutes, less 30 of break.
      expect(lateOut).toEqual({ id: lateId, status: 'CHECKED_OUT', checkInAt: lateCheckIn.checkInAt, checkOutAt: iso(clock.now()), workedMinutes: 170 });
      const earlyOut = await checkedOut(early, earlyId);
      // From the start (not the check-in): 215 whole minutes, less 30.
      expect(earlyOut.workedMinutes).toBe(185);
      expect(await placementHistory(lateId)).toEqual(['WorkerPlaced', 'WorkerCheckedIn', 'WorkerCheckedOut']);

      expectRefused(await checkOut(late, lateId), 'INVALID_TRANSITION');
      // The slot stays taken after check-out.
      expect((await readShift(shift.id)).slotsFilled).toBe(2);
    });

    test('the break can take workedMinutes to 0, never below; the check-out location is recorded, not refused', async () => {
      const shift = await postShift(20 * MINUTE, 4, { unpaidBreakMinutes: 60 });
      const worker = await scene.addWorker();
      const placementId = await accepted(worker, shift.id);
      clock.advance(20 * MINUTE);
      await checkedIn(worker, placementId);
      clock.advance(45 * MINUTE);
      // Sent home early and checking out from the bus stop, 2 km away.
      const away = north(scene.siteLocation, 2000);
      const out = dataOf(await checkOut(worker, placementId, away), 'checkOut').checkOut;
      expect(out).toMatchObject({ status: 'CHECKED_OUT', workedMinutes: 0 });
      const history = dataOf(await app.gql(OPS.placementHistory, { id: placementId }, worker.token), 'history').placement.history;
      expect(JSON.parse(history.at(-1).data)).toMatchObject({ location: away, workedMinutes: 0 });
    });

    test('a confirmed placement not checked in cannot check out', async () => {
      const shift = await postShift(20 * MINUTE, 4);
      const worker = await scene.addWorker();
      const placementId = await accepted(worker, shift.id);
      expectRefused(await checkOut(worker, placementId), 'INVALID_TRANSITION');
      expect(await placementHistory(placementId)).toEqual(['WorkerPlaced']);
    });
  });

  // ───────────── no-shows ─────────────

  describe('NO_SHOW', () => {
    test('a confirmed placement with no check-in 30 minutes after the start becomes NO_SHOW and frees its slot', async () => {
      const shift = await postShift(HOUR, 4, { slots: 2 });
      const [present, absent] = await scene.addWorkers(2);
      const presentId = await accepted(present, shift.id);
      const absentId = await accepted(absent, shift.id);
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 2, status: 'FILLED' });

      clock.advance(HOUR);
      await checkedIn(present, presentId);
      clock.advance(29 * MINUTE);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await readPlacement(absentId)).status).toBe('CONFIRMED');

      clock.advance(MINUTE + SECOND);
      await eventually(async () => (await readPlacement(absentId)).status === 'NO_SHOW', 'the absent worker to become NO_SHOW');
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 1, status: 'OPEN' });
      expect((await readPlacement(presentId)).status).toBe('CHECKED_IN');
      expect(await placementHistory(absentId)).toEqual(['WorkerPlaced', 'PlacementNoShow']);
      const noShow = dataOf(await app.gql(OPS.placementHistory, { id: absentId }, scene.lenderStaff.token), 'history').placement.history.at(-1);
      expect(noShow.actor).toBeNull();

      // Too late to check in now; the no-show counts against the worker.
      expectRefused(await checkIn(absent, absentId), 'INVALID_TRANSITION');
      expect((await readWorker(absent.workerId)).reliability).toBe(0);
      expect((await readWorker(present.workerId)).reliability).toBe(1);
    });
  });

  // ───────────── ratings and reliability ─────────────

  describe('rateWorker, reliability and rating', () => {
    let worker: SceneWorker;
    let first: string;

    test('a retailer member rates a worker once per placement, 1 to 5 stars, after the shift', async () => {
      worker = await scene.addWorker();
      expect(await readWorker(worker.workerId)).toMatchObject({ reliability: 1, rating: null });

      const shift = await postShift(20 * MINUTE, 2);
      first = await accepted(worker, shift.id);
      expectRefused(await rate(scene.retailerAdmin, first, 5), 'INVALID_TRANSITION');
      clock.advance(20 * MINUTE);
      await checkedIn(worker, first);
      clock.advance(2 * HOUR);
      await checkedOut(worker, first);

      for (const stars of [0, 6]) {
        expect(refusal(await rate(scene.retailerAdmin, first, stars))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'stars' });
      }
      for (const party of [worker, scene.lenderAdmin, scene.lenderStaff, scene.admin]) {
        expect({ who: party.email, code: refusal(await rate(party, first, 5))?.code }).toEqual({ who: party.email, code: 'FORBIDDEN' });
      }
      expect(refusal(await rate(stranger, first, 5))?.code).toBe('NOT_FOUND');

      const rated = await rate(scene.retailerStaff, first, 4, 'Quick and careful');
      expect(rated.errors).toBeUndefined();
      expect(rated.data!.rateWorker).toEqual({ id: first, status: 'CHECKED_OUT' });
      expectRefused(await rate(scene.retailerAdmin, first, 5), 'ALREADY_EXISTS');
      const history = dataOf(await app.gql(OPS.placementHistory, { id: first }, scene.retailerAdmin.token), 'history').placement.history;
      expect(history.at(-1)).toMatchObject({ type: 'WorkerRated', actor: scene.retailerStaff.userId });
      expect(JSON.parse(history.at(-1).data)).toMatchObject({ stars: 4, comment: 'Quick and careful' });

      expect(await readWorker(worker.workerId)).toMatchObject({ reliability: 1, rating: 4 });
    });

    test('rating is the mean of the stars; late cancellations by the worker or the lender lower reliability, the retailer\'s do not', async () => {
      const second = await postShift(20 * MINUTE, 2);
      const secondId = await accepted(worker, second.id);
      clock.advance(20 * MINUTE);
      await checkedIn(worker, secondId);
      clock.advance(2 * HOUR);
      await checkedOut(worker, secondId);
      dataOf(await rate(scene.retailerAdmin, secondId, 5), 'rateWorker');
      expect(await readWorker(worker.workerId)).toMatchObject({ reliability: 1, rating: 4.5 });

      // Less than 24 hours ahead: cancelling is late.
      const cancel = async (by: User, placementId: string) =>
        dataOf(await app.gql(OPS.cancelPlacement, { placementId, reason: 'Plans changed' }, by.token), 'cancelPlacement');
      const byRetailer = await accepted(worker, (await postShift(5 * HOUR, 2)).id);
      await cancel(scene.retailerAdmin, byRetailer);
      expect((await readWorker(worker.workerId)).reliability).toBe(1);
      const byWorker = await accepted(worker, (await postShift(5 * HOUR, 2)).id);
      await cancel(worker, byWorker);
      expect((await readWorker(worker.workerId)).reliability).toBeCloseTo(2 / 3, 10);
      const byLender = await accepted(worker, (await postShift(5 * HOUR, 2)).id);
      await cancel(scene.lenderStaff, byLender);
      expect((await readWorker(worker.workerId)).reliability).toBe(0.5);
      // An early cancellation by the worker does not count.
      const early = await accepted(worker, (await postShift(3 * DAY, 2)).id);
      await cancel(worker, early);
      expect(await readWorker(worker.workerId)).toMatchObject({ reliability: 0.5, rating: 4.5 });

      // Reliability and rating come with the worker wherever it is read, e.g. in the employer's list.
      const listed = dataOf(
        await app.gql(`query($id: ID!) { workers(employerId: $id, first: 100) { edges { node { id reliability rating } } } }`, { id: scene.lenderId }, scene.lenderStaff.token),
        'workers',
      ).workers.edges.map((edge: { node: { id: string } }) => edge.node);
      expect(listed.find((node: { id: string }) => node.id === worker.workerId)).toEqual({ id: worker.workerId, reliability: 0.5, rating: 4.5 });
      expect(listed.filter((node: { reliability: number }) => node.reliability < 0 || node.reliability > 1)).toEqual([]);
    });
  });

  // ───────────── close contacts (moves the clock by days: keep it last) ─────────────

  describe('closeContacts', () => {
    test('every other worker whose interval at the same site overlapped, largest overlap first, rounded up', async () => {
      // S: the start of a 4-hour shift at the main site; one more at the north site at the same time;
      // a later shift at the main site starting S + 3 h.
      // A site of its own: workers of the tests above are still checked in at the scene's site.
      const siteLocation: GeoPoint = { lat: 31.2204, lng: 121.4537 };
      const siteId = await addSite(app, scene.retailerAdmin, scene.retailerId, { name: 'South store', location: siteLocation });
      const main = await postShift(HOUR, 4, { siteId, slots: 3 });
      const northShift = await postShift(HOUR, 4, { siteId: otherSiteId });
      const later = await postShift(HOUR + 3 * HOUR, 2, { siteId });
      const start = Date.parse(main.startsAt);
      const [traced, colleague, elsewhere, nextShift] = await scene.addWorkers(4);
      const tracedId = await accepted(traced, main.id);
      const colleagueId = await accepted(colleague, main.id);
      const elsewhereId = await accepted(elsewhere, northShift.id);
      const nextShiftId = await accepted(nextShift, later.id);

      clock.set(new Date(start - 10 * MINUTE));
      await checkedIn(traced, tracedId, siteLocation);
      clock.set(new Date(start + 10 * MINUTE));
      await checkedIn(colleague, colleagueId, siteLocation);
      await checkedIn(elsewhere, elsewhereId, north(otherSite, 20));

      // While both are still in: an open interval counts up to now.
      clock.set(new Date(start + 40 * MINUTE));
      const open = dataOf(await traceContacts(scene.lenderStaff, colleague.workerId), 'closeContacts').closeContacts;
      expect(open).toEqual([{ worker: { id: traced.workerId }, site: { id: siteId }, overlapMinutes: 30, lastOverlapAt: iso(start + 40 * MINUTE) }]);

      clock.set(new Date(start + 70 * MINUTE));
      expect((await checkOut(colleague, colleagueId, siteLocation)).errors).toBeUndefined();
      // The next shift's worker arrives ten seconds before the traced worker leaves.
      clock.set(new Date(start + 3 * HOUR));
      await checkedIn(nextShift, nextShiftId, siteLocation);
      clock.set(new Date(start + 3 * HOUR + 10 * SECOND));
      expect((await checkOut(traced, tracedId, siteLocation)).errors).toBeUndefined();
      clock.set(new Date(start + 4 * HOUR));
      await checkedOut(elsewhere, elsewhereId);

      const expected = [
        { worker: { id: colleague.workerId }, site: { id: siteId }, overlapMinutes: 60, lastOverlapAt: iso(start + 70 * MINUTE) },
        { worker: { id: nextShift.workerId }, site: { id: siteId }, overlapMinutes: 1, lastOverlapAt: iso(start + 3 * HOUR + 10 * SECOND) },
      ];
      const byEmployer = await traceContacts(scene.lenderStaff, traced.workerId);
      expect(byEmployer.errors).toBeUndefined();
      expect(byEmployer.data!.closeContacts).toEqual(expected);
      expect(dataOf(await traceContacts(scene.lenderAdmin, traced.workerId, 14), 'closeContacts').closeContacts).toEqual(expected);
      expect(dataOf(await traceContacts(scene.admin, traced.workerId), 'closeContacts').closeContacts).toEqual(expected);
      // The worker at the other site, at the same time, is nobody's contact here.
      expect(dataOf(await traceContacts(scene.admin, elsewhere.workerId), 'closeContacts').closeContacts).toEqual([]);
      expect(dataOf(await traceContacts(scene.admin, nextShift.workerId), 'closeContacts').closeContacts).toEqual([
        { worker: { id: traced.workerId }, site: { id: siteId }, overlapMinutes: 1, lastOverlapAt: iso(start + 3 * HOUR + 10 * SECOND) },
      ]);
      const withNames = await app.gql(
        `query($id: ID!) { closeContacts(workerId: $id) { worker { id fullName } site { id name location { lat lng } } } }`,
        { id: traced.workerId },
        scene.admin.token,
      );
      expect(withNames.data!.closeContacts[0]).toMatchObject({ worker: { id: colleague.workerId, fullName: expect.any(String) }, site: { id: siteId, name: 'South store', location: siteLocation } });

      // Who may trace: platform admins and the employer's members. The worker and the retailer may
      // see the worker, so they are FORBIDDEN; others are told nothing.
      for (const seer of [traced, scene.retailerAdmin, scene.retailerStaff]) {
        expect({ who: seer.email, code: refusal(await traceContacts(seer, traced.workerId))?.code }).toEqual({ who: seer.email, code: 'FORBIDDEN' });
      }
      for (const outsider of [stranger, otherLenderAdmin, colleague]) {
        const response = await traceContacts(outsider, traced.workerId);
        expect({ who: outsider.email, code: refusal(response)?.code }).toEqual({ who: outsider.email, code: 'NOT_FOUND' });
        expect(JSON.stringify(response.data ?? null)).not.toContain(colleague.workerId);
      }
      expect(refusal(await traceContacts(scene.admin, '00000000-0000-4000-8000-000000000000'))?.code).toBe('NOT_FOUND');
      expect(refusal(await traceContacts(scene.lenderStaff, traced.workerId, 0))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });

      // Only the last `days` days count.
      clock.set(new Date(start + 2 * DAY));
      expect(dataOf(await traceContacts(scene.lenderStaff, traced.workerId, 1), 'closeContacts').closeContacts).toEqual([]);
      expect(dataOf(await traceContacts(scene.lenderStaff, traced.workerId, 3), 'closeContacts').closeContacts).toEqual(expected);
      expect(dataOf(await traceContacts(scene.lenderStaff, traced.workerId), 'closeContacts').closeContacts).toEqual(expected);
    });
  });
});
