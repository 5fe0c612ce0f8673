import { ManualClock } from '@blue-ocean/kernel';
import { GraphQLResponse, refusal, startTestApp, TestApp } from './support/app';
import {
  addSite,
  createMarketplaceScene,
  dataOf,
  DAY,
  eventually,
  HOUR,
  iso,
  MINUTE,
  OPS,
  registerOrganization,
  Scene,
  SceneWorker,
  Shift,
  signUpUser,
  User,
} from './support/marketplace-fixtures';

// Monday 2026-03-02, 10:00 in Shanghai (ISO week 2026-W10 there). The clock only moves in the
// "timers" tests at the end, by a few hours, so the fixed dates of the weekly-hours test stay ahead.
const T0 = new Date('2026-03-02T02:00:00Z');

type Placement = {
  id: string;
  status: string;
  invitedAt: string | null;
  confirmedAt: string | null;
  shift: { id: string };
  worker: { id: string };
  lender: { id: string };
  cancellation: { by: string; reason: string; at: string; late: boolean; fee: string } | null;
  insurance?: { policyNumber: string; coverage: string; currency: string };
};

describe('marketplace over HTTP', () => {
  const clock = new ManualClock(T0);
  let app: TestApp;
  let scene: Scene;
  let stranger: User, otherRetailerAdmin: User, otherLenderAdmin: User;
  let otherRetailerId: string, otherRetailerSite: string;

  beforeAll(async () => {
    app = await startTestApp({}, { clock });
    scene = await createMarketplaceScene(app, { clock });
    [stranger, otherRetailerAdmin, otherLenderAdmin] = await Promise.all(
      ['stranger@nowhere.test', 'owner@other-retailer.test', 'owner@other-lender.test'].map((email) => signUpUser(app, email)),
    );
    otherRetailerId = await registerOrganization(app, otherRetailerAdmin, { kinds: ['RETAILER'], verifiedBy: scene.admin, name: 'Other Mart' });
    otherRetailerSite = await addSite(app, otherRetailerAdmin, otherRetailerId, { location: { lat: 31.2, lng: 121.44 } });
    await registerOrganization(app, otherLenderAdmin, { kinds: ['LENDER'], verifiedBy: scene.admin, name: 'Other Lender' });
  }, 60_000);
  afterAll(() => app?.close());

  // ───────────── helpers ─────────────

  const now = () => clock.now().getTime();
  const fromNow = (ms: number) => iso(now() + ms);

  /** A posting `startsIn` from now lasting `hours` (default: 2 days ahead, 8 hours). */
  const window = (startsIn: number, hours = 8) => ({ startsAt: fromNow(startsIn), endsAt: fromNow(startsIn + hours * HOUR) });

  const accept = (worker: User, shiftId: string, idempotencyKey?: string) =>
    app.gql<{ acceptShift: Placement }>(OPS.acceptShift, { shiftId, idempotencyKey }, worker.token);

  async function accepted(worker: User, shiftId: string): Promise<Placement> {
    return dataOf(await accept(worker, shiftId), 'acceptShift').acceptShift;
  }

  const invite = (shiftId: string, workerId: string, by: User = scene.retailerAdmin, idempotencyKey?: string) =>
    app.gql<{ inviteWorker: Placement }>(OPS.inviteWorker, { shiftId, workerId, idempotencyKey }, by.token);

  async function invited(shiftId: string, workerId: string): Promise<Placement> {
    return dataOf(await invite(shiftId, workerId), 'inviteWorker').inviteWorker;
  }

  const respond = (worker: User, placementId: string, accept: boolean) =>
    app.gql<{ respondToInvitation: Placement }>(OPS.respondToInvitation, { placementId, accept }, worker.token);

  const decide = (by: User, placementId: string, approve: boolean, reason?: string) =>
    app.gql<{ decidePlacement: Placement }>(OPS.decidePlacement, { placementId, approve, reason }, by.token);

  const cancelPlacement = (by: User, placementId: string, reason = 'Plans changed') =>
    app.gql<{ cancelPlacement: Placement }>(OPS.cancelPlacement, { placementId, reason }, by.token);

  async function readShift(id: string, by: User = scene.retailerAdmin): Promise<Shift> {
    return dataOf(await app.gql(OPS.shift, { id }, by.token), 'shift').shift;
  }

  async function shiftPlacements(id: string): Promise<{ slotsFilled: number; status: string; placements: { id: string; status: string; worker: { id: string } }[] }> {
    return dataOf(await app.gql(OPS.shiftPlacements, { id }, scene.retailerAdmin.token), 'shift.placements').shift;
  }

  async function readPlacement(id: string, by: User = scene.lenderStaff): Promise<Placement> {
    return dataOf(await app.gql(OPS.placement, { id }, by.token), 'placement').placement;
  }

  function expectRefused(response: GraphQLResponse, reason: string) {
    expect(refusal(response)).toMatchObject({ code: 'CONFLICT', reason });
    expect(response.data?.[Object.keys(response.data ?? {})[0]] ?? null).toBeNull();
  }

  /** A refused acceptShift leaves the posting as it was: no slot, no placement. */
  async function expectUntouched(shiftId: string, slotsFilled = 0, placements = 0) {
    const read = await shiftPlacements(shiftId);
    expect(read.slotsFilled).toBe(slotsFilled);
    expect(read.placements).toHaveLength(placements);
  }

  /** A signed-in user who may not see `secret`: the response carries no trace of it. */
  function expectNoLeak(response: GraphQLResponse, secret: string) {
    expect(JSON.stringify(response.data ?? null)).not.toContain(secret);
    if (response.errors) expect(['FORBIDDEN', 'NOT_FOUND']).toContain(refusal(response)?.code);
  }

  // ───────────── posting shifts ─────────────

  describe('postShift', () => {
    test('a retailer member posts a shift; every signed-in user reads it', async () => {
      const input = {
        ...scene.shiftInput({ role: 'PACKER', title: 'Evening packers', description: 'Bring gloves', unpaidBreakMinutes: 30, slots: 3, hourlyRate: '32.5' }),
        startsAt: '2026-03-05T18:00:00+08:00',
        endsAt: '2026-03-06T00:00:00+08:00',
        currency: 'CNY',
        requiresGreenCode: false,
      };
      const posted = await app.gql(OPS.postShift, { input }, scene.retailerStaff.token);
      expect(posted.errors).toBeUndefined();
      const shift = posted.data.postShift;
      expect(shift).toEqual({
        id: expect.any(String),
        site: { id: scene.siteId },
        retailer: { id: scene.retailerId },
        role: 'PACKER',
        title: 'Evening packers',
        description: 'Bring gloves',
        startsAt: '2026-03-05T10:00:00.000Z',
        endsAt: '2026-03-05T16:00:00.000Z',
        unpaidBreakMinutes: 30,
        slots: 3,
        slotsFilled: 0,
        hourlyRate: '32.50',
        currency: 'CNY',
        requiresGreenCode: false,
        status: 'OPEN',
      });
      expect(await readShift(shift.id, stranger)).toEqual(shift);
      expect(refusal(await app.gql(OPS.shift, { id: shift.id }))?.code).toBe('UNAUTHENTICATED');
      const placements = await shiftPlacements(shift.id);
      expect(placements.placements).toEqual([]);
    });

    test('defaults: CNY, a green code required, no break, no description', async () => {
      const input = { siteId: scene.siteId, role: 'PICKER', title: 'Pickers', ...window(2 * DAY), slots: 1, hourlyRate: '30' };
      const shift = dataOf(await app.gql(OPS.postShift, { input }, scene.retailerAdmin.token), 'postShift').postShift;
      expect(shift).toMatchObject({ currency: 'CNY', requiresGreenCode: true, unpaidBreakMinutes: 0, description: null, hourlyRate: '30.00', status: 'OPEN', slotsFilled: 0 });
    });

    test('input is validated field by field, and a refused posting writes nothing', async () => {
      const count = async () =>
        dataOf(await app.gql(OPS.shifts, { retailerId: scene.retailerId }, scene.retailerAdmin.token), 'shifts').shifts.totalCount as number;
      const before = await count();
      const start = now() + 2 * DAY;
      const cases: [Record<string, unknown>, string][] = [
        [{ startsAt: iso(start), endsAt: iso(start - HOUR) }, 'endsAt'],
        [{ startsAt: iso(start), endsAt: iso(start) }, 'endsAt'],
        [{ startsAt: iso(start), endsAt: iso(start + 16 * HOUR + MINUTE) }, 'endsAt'],
        [{ slots: 0 }, 'slots'],
        [{ slots: 501 }, 'slots'],
        [{ hourlyRate: '30.125' }, 'hourlyRate'],
        [{ hourlyRate: '-1.00' }, 'hourlyRate'],
        [{ currency: 'yuan' }, 'currency'],
      ];
      for (const [overrides, field] of cases) {
        const result = await app.gql(OPS.postShift, { input: scene.shiftInput(overrides) }, scene.retailerAdmin.token);
        expect({ overrides, refusal: refusal(result) }).toMatchObject({ overrides, refusal: { code: 'BAD_USER_INPUT', field } });
      }
      expect(await count()).toBe(before);

      // The limits themselves are accepted: 16 hours, 500 slots, a rate of 0.
      const longest = await scene.postShift({ startsAt: iso(start), endsAt: iso(start + 16 * HOUR), slots: 500, hourlyRate: '0' });
      expect(longest).toMatchObject({ slots: 500, hourlyRate: '0.00', endsAt: iso(start + 16 * HOUR) });
      expect(await count()).toBe(before + 1);
    });

    test('only the retailer\'s members post at its sites: lender members, workers and other retailers are FORBIDDEN', async () => {
      const worker = await scene.addWorker();
      for (const outsider of [scene.lenderAdmin, scene.lenderStaff, worker, otherRetailerAdmin, stranger]) {
        const result = await app.gql(OPS.postShift, { input: scene.shiftInput() }, outsider.token);
        expect({ who: outsider.email, code: refusal(result)?.code }).toEqual({ who: outsider.email, code: 'FORBIDDEN' });
      }
      expect(refusal(await app.gql(OPS.postShift, { input: scene.shiftInput() }))?.code).toBe('UNAUTHENTICATED');
      const nowhere = scene.shiftInput({ siteId: '00000000-0000-4000-8000-000000000000' });
      expect(refusal(await app.gql(OPS.postShift, { input: nowhere }, scene.retailerAdmin.token))?.code).toBe('NOT_FOUND');
      // Another retailer's own site works for that retailer.
      const theirs = await app.gql(OPS.postShift, { input: scene.shiftInput({ siteId: otherRetailerSite }) }, otherRetailerAdmin.token);
      expect(theirs.data.postShift.retailer).toEqual({ id: otherRetailerId });
    });

    test('INVALID_TRANSITION: a retailer that is not yet verified cannot post; an unverified lender cannot offer', async () => {
      const owner = await signUpUser(app, 'owner@pending-retailer.test');
      const pending = await registerOrganization(app, owner, { kinds: ['RETAILER', 'LENDER'] });
      const site = await addSite(app, owner, pending);
      const posted = await app.gql(OPS.postShift, { input: scene.shiftInput({ siteId: site }) }, owner.token);
      expectRefused(posted, 'INVALID_TRANSITION');
      const listed = await app.gql(OPS.shifts, { retailerId: pending }, owner.token);
      expect(listed.data?.shifts?.totalCount ?? 0).toBe(0);

      const enrolled = dataOf(
        await app.gql(
          OPS.enroll,
          { input: { employerId: pending, fullName: 'Wang Fang', phone: '+86 139 0000 0001', skills: ['PICKER'], homeLocation: { lat: 31.23, lng: 121.47 } } },
          owner.token,
        ),
        'enrollWorker',
      ).enrollWorker;
      const offer = {
        workerId: enrolled.worker.id,
        availableFrom: fromNow(0),
        availableUntil: fromNow(10 * DAY),
        roles: ['PICKER'],
        minHourlyRate: '25',
        maxTravelKm: 10,
        autoApprove: true,
      };
      expectRefused(await app.gql(OPS.offer, { input: offer }, owner.token), 'INVALID_TRANSITION');
    });
  });

  // ───────────── taking a slot ─────────────

  describe('acceptShift', () => {
    test('with autoApprove: CONFIRMED at once, insured (a policy of its own, 300000.00 in the posting\'s currency)', async () => {
      const shift = await scene.postShift({ slots: 2 });
      const [first, second, third] = await scene.addWorkers(3);
      const a = await accept(first, shift.id);
      expect(a.errors).toBeUndefined();
      expect(a.data!.acceptShift).toEqual({
        id: expect.any(String),
        status: 'CONFIRMED',
        invitedAt: null,
        confirmedAt: iso(clock.now()),
        shift: { id: shift.id },
        worker: { id: first.workerId },
        lender: { id: scene.lenderId },
        cancellation: null,
        insurance: { policyNumber: expect.any(String), coverage: '300000.00', currency: 'CNY' },
      });
      const b = (await accepted(second, shift.id)) as Placement;
      expect(b.status).toBe('CONFIRMED');
      expect(b.insurance!.policyNumber).not.toBe('');
      expect(b.insurance!.policyNumber).not.toBe(a.data!.acceptShift.insurance!.policyNumber);
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 2, status: 'FILLED' });

      const inDollars = await scene.postShift({ currency: 'USD', hourlyRate: '30.00', ...window(3 * DAY) });
      const c = await accepted(third, inDollars.id);
      expect(c.insurance).toEqual({ policyNumber: expect.any(String), coverage: '300000.00', currency: 'USD' });
      expect(new Set([a.data!.acceptShift.insurance!.policyNumber, b.insurance!.policyNumber, c.insurance!.policyNumber]).size).toBe(3);

      // The cover is part of the placement as read later.
      const read = dataOf(await app.gql(OPS.placementInsurance, { id: c.id }, scene.retailerAdmin.token), 'placement').placement;
      expect(read).toEqual({ id: c.id, status: 'CONFIRMED', insurance: c.insurance });
    });

    test('a placement is visible to its worker, the lender\'s and the retailer\'s members; NOT_FOUND for anyone else', async () => {
      const shift = await scene.postShift();
      const [worker, otherWorker] = await scene.addWorkers(2);
      const placement = await accepted(worker, shift.id);
      for (const viewer of [worker, scene.lenderAdmin, scene.lenderStaff, scene.retailerAdmin, scene.retailerStaff]) {
        expect((await readPlacement(placement.id, viewer)).id).toBe(placement.id);
      }
      for (const viewer of [stranger, otherWorker, otherRetailerAdmin, otherLenderAdmin]) {
        const result = await app.gql(OPS.placement, { id: placement.id }, viewer.token);
        expect({ who: viewer.email, code: refusal(result)?.code }).toEqual({ who: viewer.email, code: 'NOT_FOUND' });
      }
    });

    test('without autoApprove: PENDING_LENDER holding a slot; a lender member confirms it; the retailer and the worker may not', async () => {
      const shift = await scene.postShift({ slots: 1 });
      const worker = await scene.addWorker({ offer: { autoApprove: false } });
      const pending = await accepted(worker, shift.id);
      expect(pending).toMatchObject({ status: 'PENDING_LENDER', confirmedAt: null, insurance: { coverage: '300000.00', currency: 'CNY' } });
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 1, status: 'FILLED' });

      expect(refusal(await decide(scene.retailerAdmin, pending.id, true))?.code).toBe('FORBIDDEN');
      expect(refusal(await decide(worker, pending.id, true))?.code).toBe('FORBIDDEN');
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(refusal(await decide(otherLenderAdmin, pending.id, true))?.code);
      expect((await readPlacement(pending.id)).status).toBe('PENDING_LENDER');

      const confirmed = await decide(scene.lenderStaff, pending.id, true);
      expect(confirmed.errors).toBeUndefined();
      expect(confirmed.data!.decidePlacement).toMatchObject({ id: pending.id, status: 'CONFIRMED', confirmedAt: iso(clock.now()) });
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 1, status: 'FILLED' });
    });

    test('rejected by the lender: REJECTED, and the slot is free again (FILLED → OPEN)', async () => {
      const shift = await scene.postShift({ slots: 1 });
      const pendingWorker = await scene.addWorker({ offer: { autoApprove: false } });
      const [waiting] = await scene.addWorkers(1);
      const pending = await accepted(pendingWorker, shift.id);
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 1, status: 'FILLED' });
      expectRefused(await accept(waiting, shift.id), 'SHIFT_FULL');

      const rejected = await decide(scene.lenderAdmin, pending.id, false, 'Needed in our own kitchen');
      expect(rejected.data!.decidePlacement).toMatchObject({ id: pending.id, status: 'REJECTED' });
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 0, status: 'OPEN' });
      expect((await accepted(waiting, shift.id)).status).toBe('CONFIRMED');
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 1, status: 'FILLED' });
    });

    test('a posting is FILLED while every slot is taken, OPEN again when one frees', async () => {
      const shift = await scene.postShift({ slots: 2 });
      const [a, b, c] = await scene.addWorkers(3);
      const first = await accepted(a, shift.id);
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 1, status: 'OPEN' });
      await accepted(b, shift.id);
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 2, status: 'FILLED' });

      const full = await accept(c, shift.id);
      expectRefused(full, 'SHIFT_FULL');
      await expectUntouched(shift.id, 2, 2);

      const cancelled = await cancelPlacement(a, first.id, 'Family emergency');
      expect(cancelled.data!.cancelPlacement).toMatchObject({ status: 'CANCELLED', cancellation: { by: 'WORKER' } });
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 1, status: 'OPEN' });
      expect((await accepted(c, shift.id)).status).toBe('CONFIRMED');
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 2, status: 'FILLED' });
    });
  });

  // ───────────── refusals ─────────────

  describe('every refusal reason', () => {
    test('SHIFT_NOT_OPEN: the posting was cancelled', async () => {
      const shift = await scene.postShift({ slots: 3 });
      const [worker, other] = await scene.addWorkers(2);
      const cancelled = await app.gql(OPS.cancelShift, { shiftId: shift.id, reason: 'Store closed for inspection' }, scene.retailerAdmin.token);
      expect(cancelled.data.cancelShift).toMatchObject({ id: shift.id, status: 'CANCELLED' });
      expectRefused(await accept(worker, shift.id), 'SHIFT_NOT_OPEN');
      expectRefused(await invite(shift.id, other.workerId), 'SHIFT_NOT_OPEN');
      await expectUntouched(shift.id);
    });

    test('NOT_LENT: no offer, the role not offered, the window not covering, the offer withdrawn', async () => {
      const shift = await scene.postShift({ slots: 5, ...window(2 * DAY) });
      const noOffer = await scene.addWorker({ offer: null });
      const otherRole = await scene.addWorker({ offer: { roles: ['PACKER', 'CASHIER'] } });
      const endsTooSoon = await scene.addWorker({ offer: { availableUntil: fromNow(2 * DAY + 4 * HOUR) } });
      const startsTooLate = await scene.addWorker({ offer: { availableFrom: fromNow(2 * DAY + HOUR) } });
      const withdrawn = await scene.addWorker();
      dataOf(await app.gql(OPS.withdraw, { id: withdrawn.offerId }, scene.lenderStaff.token), 'withdrawLendingOffer');

      for (const worker of [noOffer, otherRole, endsTooSoon, startsTooLate, withdrawn]) {
        const result = await accept(worker, shift.id);
        expect({ worker: worker.email, refusal: refusal(result) }).toMatchObject({ worker: worker.email, refusal: { code: 'CONFLICT', reason: 'NOT_LENT' } });
      }
      expectRefused(await invite(shift.id, noOffer.workerId), 'NOT_LENT');
      await expectUntouched(shift.id);
    });

    test('TOO_FAR: the site is farther from home than the offer\'s maxTravelKm (and only that)', async () => {
      const shift = await scene.postShift({ slots: 2 });
      const north = { lat: 31.4, lng: 121.4737 }; // ≈ 18.9 km north of the site
      const tooFar = await scene.addWorker({ homeLocation: north, offer: { maxTravelKm: 15 } });
      const willing = await scene.addWorker({ homeLocation: north, offer: { maxTravelKm: 20 } });
      expectRefused(await accept(tooFar, shift.id), 'TOO_FAR');
      await expectUntouched(shift.id);
      expect((await accepted(willing, shift.id)).status).toBe('CONFIRMED');
    });

    test('RATE_TOO_LOW: the posting pays less than the offer\'s minHourlyRate (and only that)', async () => {
      const shift = await scene.postShift({ slots: 2, hourlyRate: '30.00' });
      const dear = await scene.addWorker({ offer: { minHourlyRate: '30.01' } });
      const exact = await scene.addWorker({ offer: { minHourlyRate: '30.00' } });
      expectRefused(await accept(dear, shift.id), 'RATE_TOO_LOW');
      await expectUntouched(shift.id);
      expect((await accepted(exact, shift.id)).status).toBe('CONFIRMED');
    });

    test('HEALTH_CODE_NOT_GREEN: a worker with nothing recorded (AMBER) or an attested AMBER, when the posting requires GREEN', async () => {
      const requiring = await scene.postShift({ slots: 2, ...window(2 * DAY) });
      const notRequiring = await scene.postShift({ slots: 1, requiresGreenCode: false, ...window(3 * DAY) });
      const unknown = await scene.addWorker({ health: null });
      const amber = await scene.addWorker({ health: 'AMBER' });
      expectRefused(await accept(unknown, requiring.id), 'HEALTH_CODE_NOT_GREEN');
      expectRefused(await accept(amber, requiring.id), 'HEALTH_CODE_NOT_GREEN');
      await expectUntouched(requiring.id);
      expect((await accepted(unknown, notRequiring.id)).status).toBe('CONFIRMED');
    });

    test('WORKER_BUSY: an overlapping PENDING_LENDER or CONFIRMED placement; back-to-back shifts do not overlap', async () => {
      const start = now() + 2 * DAY;
      const morning = await scene.postShift({ slots: 2, startsAt: iso(start), endsAt: iso(start + 8 * HOUR) });
      const overlapping = await scene.postShift({ slots: 2, startsAt: iso(start + 4 * HOUR), endsAt: iso(start + 12 * HOUR) });
      const evening = await scene.postShift({ slots: 2, startsAt: iso(start + 8 * HOUR), endsAt: iso(start + 12 * HOUR) });
      const confirmedWorker = await scene.addWorker();
      const pendingWorker = await scene.addWorker({ offer: { autoApprove: false } });

      await accepted(confirmedWorker, morning.id);
      const pending = await accepted(pendingWorker, morning.id);
      expect(pending.status).toBe('PENDING_LENDER');

      expectRefused(await accept(confirmedWorker, overlapping.id), 'WORKER_BUSY');
      expectRefused(await accept(pendingWorker, overlapping.id), 'WORKER_BUSY');
      await expectUntouched(overlapping.id);

      expect((await accepted(confirmedWorker, evening.id)).status).toBe('CONFIRMED');

      // Once the pending placement is rejected, the worker's time is free again.
      expect((await decide(scene.lenderStaff, pending.id, false)).data!.decidePlacement.status).toBe('REJECTED');
      expect((await accepted(pendingWorker, overlapping.id)).status).toBe('PENDING_LENDER');
    });

    test('WEEKLY_HOURS_EXCEEDED: two 6-hour shifts in one ISO week (site time) for a worker of 8 hours a week', async () => {
      const worker = await scene.addWorker({ maxHoursPerWeek: 8 });
      // Week 2026-W11 in Shanghai: Tuesday and Thursday, 09:00–15:00.
      const tuesday = await scene.postShift({ startsAt: '2026-03-10T09:00:00+08:00', endsAt: '2026-03-10T15:00:00+08:00' });
      const thursday = await scene.postShift({ startsAt: '2026-03-12T09:00:00+08:00', endsAt: '2026-03-12T15:00:00+08:00' });
      // Monday 06:00 in Shanghai is still Sunday (W11) in UTC: it counts in W12, the site's week.
      const monday = await scene.postShift({ startsAt: '2026-03-16T06:00:00+08:00', endsAt: '2026-03-16T12:00:00+08:00' });

      expect((await accepted(worker, tuesday.id)).status).toBe('CONFIRMED');
      expectRefused(await accept(worker, thursday.id), 'WEEKLY_HOURS_EXCEEDED');
      await expectUntouched(thursday.id);
      expect((await accepted(worker, monday.id)).status).toBe('CONFIRMED');
    });

    test('INVALID_TRANSITION: deciding a CONFIRMED or REJECTED placement, cancelling twice, answering what is not an invitation', async () => {
      const shift = await scene.postShift({ slots: 3 });
      const auto = await scene.addWorker();
      const manual = await scene.addWorker({ offer: { autoApprove: false } });
      const confirmed = await accepted(auto, shift.id);
      const before = dataOf(await app.gql(OPS.placementHistory, { id: confirmed.id }, scene.lenderStaff.token), 'history').placement.history;

      expectRefused(await decide(scene.lenderStaff, confirmed.id, true), 'INVALID_TRANSITION');
      expectRefused(await decide(scene.lenderStaff, confirmed.id, false), 'INVALID_TRANSITION');
      expectRefused(await respond(auto, confirmed.id, true), 'INVALID_TRANSITION');
      // Refusals write nothing.
      const after = dataOf(await app.gql(OPS.placementHistory, { id: confirmed.id }, scene.lenderStaff.token), 'history').placement.history;
      expect(after).toEqual(before);
      expect((await readPlacement(confirmed.id)).status).toBe('CONFIRMED');

      const pending = await accepted(manual, shift.id);
      expect((await decide(scene.lenderStaff, pending.id, false)).data!.decidePlacement.status).toBe('REJECTED');
      expectRefused(await decide(scene.lenderStaff, pending.id, true), 'INVALID_TRANSITION');

      expect((await cancelPlacement(scene.retailerAdmin, confirmed.id)).data!.cancelPlacement.status).toBe('CANCELLED');
      expectRefused(await cancelPlacement(scene.retailerAdmin, confirmed.id), 'INVALID_TRANSITION');
      expectRefused(await cancelPlacement(auto, confirmed.id), 'INVALID_TRANSITION');
    });
  });

  // ───────────── permissions ─────────────

  describe('who may do what', () => {
    test("a posting's placements are shown to the retailer's members only", async () => {
      const shift = await scene.postShift({ slots: 2 });
      const worker = await scene.addWorker();
      const placement = await accepted(worker, shift.id);
      expect((await shiftPlacements(shift.id)).placements).toEqual([{ id: placement.id, status: 'CONFIRMED', worker: { id: worker.workerId } }]);
      const asStaff = await app.gql(OPS.shiftPlacements, { id: shift.id }, scene.retailerStaff.token);
      expect(asStaff.data.shift.placements).toHaveLength(1);
      for (const viewer of [stranger, scene.lenderAdmin, worker, otherRetailerAdmin]) {
        expectNoLeak(await app.gql(OPS.shiftPlacements, { id: shift.id }, viewer.token), placement.id);
      }
      // The posting itself stays visible to them.
      expect((await readShift(shift.id, stranger)).slotsFilled).toBe(1);
    });

    test('the worker accepts: users without a worker profile are FORBIDDEN, no token UNAUTHENTICATED', async () => {
      const shift = await scene.postShift();
      for (const notAWorker of [stranger, scene.lenderAdmin, scene.retailerAdmin]) {
        expect(refusal(await accept(notAWorker, shift.id))?.code).toBe('FORBIDDEN');
      }
      expect(refusal(await app.gql(OPS.acceptShift, { shiftId: shift.id }))?.code).toBe('UNAUTHENTICATED');
      const worker = await scene.addWorker();
      expect(refusal(await accept(worker, '00000000-0000-4000-8000-000000000000'))?.code).toBe('NOT_FOUND');
      await expectUntouched(shift.id);
    });

    test('retailer members invite, cancel postings and list them; lender members, workers and strangers are FORBIDDEN', async () => {
      const shift = await scene.postShift({ slots: 2 });
      const worker = await scene.addWorker();
      for (const outsider of [scene.lenderStaff, worker, stranger, otherRetailerAdmin]) {
        expect(refusal(await invite(shift.id, worker.workerId, outsider))?.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
        const cancelled = await app.gql(OPS.cancelShift, { shiftId: shift.id, reason: 'nope' }, outsider.token);
        expect(refusal(cancelled)?.code).toBe('FORBIDDEN');
        const listed = await app.gql(OPS.shifts, { retailerId: scene.retailerId }, outsider.token);
        expect(refusal(listed)?.code).toBe('FORBIDDEN');
      }
      // A lender member inviting is FORBIDDEN outright: it can see its own worker.
      expect(refusal(await invite(shift.id, worker.workerId, scene.lenderAdmin))?.code).toBe('FORBIDDEN');
      expect((await readShift(shift.id)).status).toBe('OPEN');
      await expectUntouched(shift.id);
    });
  });

  // ───────────── invitations ─────────────

  describe('invitations', () => {
    test('inviteWorker makes an INVITED placement holding no slot; accepting confirms it', async () => {
      const shift = await scene.postShift({ slots: 1 });
      const worker = await scene.addWorker();
      const placement = await invited(shift.id, worker.workerId);
      expect(placement).toEqual({
        id: expect.any(String),
        status: 'INVITED',
        invitedAt: iso(clock.now()),
        confirmedAt: null,
        shift: { id: shift.id },
        worker: { id: worker.workerId },
        lender: { id: scene.lenderId },
        cancellation: null,
      });
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 0, status: 'OPEN' });
      expect((await readPlacement(placement.id, worker)).status).toBe('INVITED');
      // Every placement carries a cover (the contract's `insurance` is non-null), an invitation too.
      const coverOf = async () => dataOf(await app.gql(OPS.placementInsurance, { id: placement.id }, worker.token), 'placement').placement.insurance;
      const invitedCover = await coverOf();
      expect(invitedCover).toEqual({ policyNumber: expect.any(String), coverage: '300000.00', currency: 'CNY' });

      const answered = await respond(worker, placement.id, true);
      expect(answered.errors).toBeUndefined();
      expect(answered.data!.respondToInvitation).toMatchObject({ id: placement.id, status: 'CONFIRMED', invitedAt: placement.invitedAt, confirmedAt: iso(clock.now()) });
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 1, status: 'FILLED' });
      // One placement, one policy: the number stays the placement's own once it is confirmed.
      expect(await coverOf()).toEqual(invitedCover);
    });

    test('accepting an invitation without autoApprove makes it PENDING_LENDER; declining makes it DECLINED', async () => {
      const shift = await scene.postShift({ slots: 2 });
      const manual = await scene.addWorker({ offer: { autoApprove: false } });
      const decliner = await scene.addWorker();
      const toManual = await invited(shift.id, manual.workerId);
      const toDecliner = await invited(shift.id, decliner.workerId);

      expect((await respond(manual, toManual.id, true)).data!.respondToInvitation.status).toBe('PENDING_LENDER');
      const declined = await respond(decliner, toDecliner.id, false);
      expect(declined.data!.respondToInvitation).toMatchObject({ id: toDecliner.id, status: 'DECLINED' });
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 1, status: 'OPEN' });
      expectRefused(await respond(decliner, toDecliner.id, true), 'INVALID_TRANSITION');
    });

    test('only the invited worker answers', async () => {
      const shift = await scene.postShift();
      const [worker, other] = await scene.addWorkers(2);
      const placement = await invited(shift.id, worker.workerId);
      expect(refusal(await respond(other, placement.id, true))?.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
      expect(refusal(await respond(scene.retailerAdmin, placement.id, true))?.code).toBe('FORBIDDEN');
      expect(refusal(await respond(scene.lenderAdmin, placement.id, true))?.code).toBe('FORBIDDEN');
      expect((await readPlacement(placement.id)).status).toBe('INVITED');
    });

    test('accepting an invitation applies every check of acceptShift: health, a full posting, a busy worker', async () => {
      const start = now() + 2 * DAY;
      const shift = await scene.postShift({ slots: 1, startsAt: iso(start), endsAt: iso(start + 6 * HOUR) });
      const elsewhere = await scene.postShift({ slots: 1, startsAt: iso(start + HOUR), endsAt: iso(start + 5 * HOUR) });
      const unwell = await scene.addWorker({ health: null });
      const [busy, late, taker] = await scene.addWorkers(3);

      const toUnwell = await invited(shift.id, unwell.workerId);
      expectRefused(await respond(unwell, toUnwell.id, true), 'HEALTH_CODE_NOT_GREEN');
      expect((await readPlacement(toUnwell.id)).status).toBe('INVITED');

      await accepted(busy, elsewhere.id);
      const toBusy = await invited(shift.id, busy.workerId);
      expectRefused(await respond(busy, toBusy.id, true), 'WORKER_BUSY');

      const toLate = await invited(shift.id, late.workerId);
      await accepted(taker, shift.id);
      expectRefused(await respond(late, toLate.id, true), 'SHIFT_FULL');
      expect((await readPlacement(toLate.id)).status).toBe('INVITED');
      await expectUntouched(shift.id, 1, 4);
    });

    test('the same idempotency key invites once', async () => {
      const shift = await scene.postShift();
      const worker = await scene.addWorker();
      const [a, b] = await Promise.all([
        invite(shift.id, worker.workerId, scene.retailerAdmin, 'invite-1'),
        invite(shift.id, worker.workerId, scene.retailerAdmin, 'invite-1'),
      ]);
      expect(a.errors).toBeUndefined();
      expect(b.data!.inviteWorker.id).toBe(a.data!.inviteWorker.id);
      expect((await shiftPlacements(shift.id)).placements).toHaveLength(1);
    });
  });

  // ───────────── cancellation ─────────────

  describe('cancelPlacement', () => {
    test('by the retailer less than 24 hours ahead, of a CONFIRMED placement: late, a fee of 2 hours at the rate', async () => {
      const shift = await scene.postShift({ ...window(10 * HOUR, 6), hourlyRate: '35.55', slots: 2 });
      const [worker] = await scene.addWorkers(1);
      const placement = await accepted(worker, shift.id);
      const cancelled = await cancelPlacement(scene.retailerStaff, placement.id, 'Delivery delayed');
      expect(cancelled.errors).toBeUndefined();
      expect(cancelled.data!.cancelPlacement).toMatchObject({
        id: placement.id,
        status: 'CANCELLED',
        cancellation: { by: 'RETAILER', reason: 'Delivery delayed', at: iso(clock.now()), late: true, fee: '71.10' },
      });
      expect(await readPlacement(placement.id, worker)).toMatchObject({ status: 'CANCELLED', cancellation: { late: true, fee: '71.10' } });
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 0, status: 'OPEN' });
    });

    test('by the retailer more than 24 hours ahead: not late, no fee', async () => {
      const shift = await scene.postShift({ ...window(25 * HOUR), hourlyRate: '35.55' });
      const worker = await scene.addWorker();
      const placement = await accepted(worker, shift.id);
      const cancelled = await cancelPlacement(scene.retailerAdmin, placement.id, 'Forecast changed');
      expect(cancelled.data!.cancelPlacement.cancellation).toEqual({ by: 'RETAILER', reason: 'Forecast changed', at: iso(clock.now()), late: false, fee: '0.00' });
    });

    test('late, but not of a CONFIRMED placement, or not by the retailer: no fee', async () => {
      const shift = await scene.postShift({ ...window(5 * HOUR), hourlyRate: '40.00', slots: 3 });
      const manual = await scene.addWorker({ offer: { autoApprove: false } });
      const [selfCancelling, lenderCancelled] = await scene.addWorkers(2);
      const pending = await accepted(manual, shift.id);
      const own = await accepted(selfCancelling, shift.id);
      const lent = await accepted(lenderCancelled, shift.id);

      expect((await cancelPlacement(scene.retailerAdmin, pending.id, 'No longer needed')).data!.cancelPlacement.cancellation).toMatchObject({
        by: 'RETAILER',
        late: true,
        fee: '0.00',
      });
      expect((await cancelPlacement(selfCancelling, own.id, 'Sick child')).data!.cancelPlacement.cancellation).toMatchObject({
        by: 'WORKER',
        late: true,
        fee: '0.00',
      });
      expect((await cancelPlacement(scene.lenderStaff, lent.id, 'Needed at home base')).data!.cancelPlacement.cancellation).toMatchObject({
        by: 'LENDER',
        late: true,
        fee: '0.00',
      });
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 0, status: 'OPEN' });
    });

    test('a reason is required; strangers and other tenants may not cancel', async () => {
      const shift = await scene.postShift();
      const worker = await scene.addWorker();
      const placement = await accepted(worker, shift.id);
      expect(refusal(await cancelPlacement(scene.retailerAdmin, placement.id, '  '))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      for (const outsider of [stranger, otherRetailerAdmin, otherLenderAdmin]) {
        expect(refusal(await cancelPlacement(outsider, placement.id))?.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
      }
      expect((await readPlacement(placement.id)).status).toBe('CONFIRMED');
    });
  });

  describe('cancelShift', () => {
    test('cancels the posting and every live placement on it, by RETAILER', async () => {
      const shift = await scene.postShift({ slots: 4, ...window(3 * DAY) });
      const manual = await scene.addWorker({ offer: { autoApprove: false } });
      const [auto, invitee, quitter] = await scene.addWorkers(3);
      const confirmed = await accepted(auto, shift.id);
      const pending = await accepted(manual, shift.id);
      const invitation = await invited(shift.id, invitee.workerId);
      const quit = await accepted(quitter, shift.id);
      await cancelPlacement(quitter, quit.id, 'Found another job');

      const cancelled = await app.gql(OPS.cancelShift, { shiftId: shift.id, reason: 'Store closed for inspection' }, scene.retailerStaff.token);
      expect(cancelled.errors).toBeUndefined();
      expect(cancelled.data.cancelShift).toMatchObject({ id: shift.id, status: 'CANCELLED' });

      for (const live of [confirmed, pending, invitation]) {
        const read = await eventually(async () => {
          const placement = await readPlacement(live.id);
          return placement.status === 'CANCELLED' && placement;
        }, `placement ${live.id} cancelled with its posting`);
        expect(read.cancellation).toMatchObject({ by: 'RETAILER', late: false, fee: '0.00' });
      }
      expect((await readPlacement(quit.id)).cancellation).toMatchObject({ by: 'WORKER' });
      expect(await readShift(shift.id)).toMatchObject({ status: 'CANCELLED', slotsFilled: 0 });

      // The workers' time is free again; the posting takes no one.
      const again = await scene.postShift({ slots: 2, ...window(3 * DAY) });
      expect((await accepted(auto, again.id)).status).toBe('CONFIRMED');
      expectRefused(await accept(invitee, shift.id), 'SHIFT_NOT_OPEN');
      expectRefused(await app.gql(OPS.cancelShift, { shiftId: shift.id, reason: 'again' }, scene.retailerAdmin.token), 'INVALID_TRANSITION');
    });
  });

  // ───────────── idempotency ─────────────

  describe('idempotency', () => {
    test('acceptShift twice at once with one key: one placement, one slot, the same answer', async () => {
      const shift = await scene.postShift({ slots: 3 });
      const [worker, other] = await scene.addWorkers(2);
      const [a, b] = await Promise.all([accept(worker, shift.id, 'flaky-phone-1'), accept(worker, shift.id, 'flaky-phone-1')]);
      expect(a.errors).toBeUndefined();
      expect(b.errors).toBeUndefined();
      expect(b.data!.acceptShift).toEqual(a.data!.acceptShift);
      const later = await accept(worker, shift.id, 'flaky-phone-1');
      expect(later.data!.acceptShift.id).toBe(a.data!.acceptShift.id);

      const read = await shiftPlacements(shift.id);
      expect(read.slotsFilled).toBe(1);
      expect(read.placements.map((p) => p.id)).toEqual([a.data!.acceptShift.id]);

      // Keys belong to their user: another worker's same key is another request.
      const theirs = await accept(other, shift.id, 'flaky-phone-1');
      expect(theirs.data!.acceptShift.id).not.toBe(a.data!.acceptShift.id);
      expect((await readShift(shift.id)).slotsFilled).toBe(2);
    });

    test('the same key with another shiftId is CONFLICT/IDEMPOTENCY_KEY_REUSED', async () => {
      const [first, second] = await Promise.all([scene.postShift({ ...window(2 * DAY) }), scene.postShift({ ...window(3 * DAY) })]);
      const worker = await scene.addWorker();
      expect((await accept(worker, first.id, 'key-2')).errors).toBeUndefined();
      expectRefused(await accept(worker, second.id, 'key-2'), 'IDEMPOTENCY_KEY_REUSED');
      await expectUntouched(second.id);
    });

    test('postShift with a key posts once; other input under it is refused', async () => {
      const input = { ...scene.shiftInput({ title: 'Idempotent pickers' }), idempotencyKey: 'post-1' };
      const [a, b] = await Promise.all([
        app.gql(OPS.postShift, { input }, scene.retailerAdmin.token),
        app.gql(OPS.postShift, { input }, scene.retailerAdmin.token),
      ]);
      expect(a.errors).toBeUndefined();
      expect(b.data.postShift.id).toBe(a.data.postShift.id);
      expectRefused(await app.gql(OPS.postShift, { input: { ...input, slots: 7 } }, scene.retailerAdmin.token), 'IDEMPOTENCY_KEY_REUSED');
    });
  });

  // ───────────── listing ─────────────

  describe('shifts(retailerId, status)', () => {
    test('pages with cursors and a total count, filtered by status', async () => {
      const owner = await signUpUser(app, 'owner@pager-retailer.test');
      const retailer = await registerOrganization(app, owner, { kinds: ['RETAILER'], verifiedBy: scene.admin, name: 'Pager Mart' });
      const site = await addSite(app, owner, retailer);
      const posted: Shift[] = [];
      for (let i = 0; i < 5; i++) {
        posted.push(dataOf(await app.gql(OPS.postShift, { input: scene.shiftInput({ siteId: site, title: `Shift ${i}`, ...window((2 + i) * DAY) }) }, owner.token), 'postShift').postShift);
      }
      await app.gql(OPS.cancelShift, { shiftId: posted[1].id, reason: 'Not needed' }, owner.token);
      await accepted(await scene.addWorker(), posted[2].id); // 1 slot: FILLED

      const page = (variables: Record<string, unknown>) =>
        app.gql(OPS.shifts, { retailerId: retailer, ...variables }, owner.token).then((r) => dataOf(r, 'shifts').shifts);

      const seen: string[] = [];
      let after: string | null = null;
      for (const expected of [{ size: 2, more: true }, { size: 2, more: true }, { size: 1, more: false }]) {
        const current = await page({ first: 2, after });
        expect(current.totalCount).toBe(5);
        expect(current.edges).toHaveLength(expected.size);
        expect(current.pageInfo).toEqual({ hasNextPage: expected.more, endCursor: current.edges.at(-1).cursor });
        seen.push(...current.edges.map((edge: any) => edge.node.id));
        after = current.pageInfo.endCursor;
      }
      expect(new Set(seen)).toEqual(new Set(posted.map((shift) => shift.id)));
      expect(seen).toHaveLength(5);

      const ids = async (status: string[]) => {
        const result = await page({ status });
        expect(result.totalCount).toBe(result.edges.length);
        return new Set(result.edges.map((edge: any) => edge.node.id));
      };
      expect(await ids(['OPEN'])).toEqual(new Set([posted[0].id, posted[3].id, posted[4].id]));
      expect(await ids(['FILLED'])).toEqual(new Set([posted[2].id]));
      expect(await ids(['CANCELLED'])).toEqual(new Set([posted[1].id]));
      expect(await ids(['OPEN', 'FILLED'])).toEqual(new Set([posted[0].id, posted[2].id, posted[3].id, posted[4].id]));
      expect(await ids(['COMPLETED'])).toEqual(new Set());

      expect(refusal(await app.gql(OPS.shifts, { retailerId: retailer, first: 0 }, owner.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(refusal(await app.gql(OPS.shifts, { retailerId: retailer, after: 'bogus' }, owner.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });
  });

  // ───────────── history ─────────────

  describe('history', () => {
    test("a placement's and a posting's streams, in order, with their actors", async () => {
      const shift = await scene.postShift({ slots: 2 });
      const worker = await scene.addWorker({ offer: { autoApprove: false } });
      const pending = await accepted(worker, shift.id);
      await decide(scene.lenderStaff, pending.id, true);
      await cancelPlacement(scene.retailerStaff, pending.id, 'Forecast changed');
      await app.gql(OPS.cancelShift, { shiftId: shift.id, reason: 'Closing early' }, scene.retailerAdmin.token);

      type Event = { id: string; stream: string; revision: number; type: string; occurredAt: string; actor: string | null; data: string };
      const placementHistory: Event[] = dataOf(await app.gql(OPS.placementHistory, { id: pending.id }, worker.token), 'history').placement.history;
      expect(placementHistory.map((event) => [event.revision, event.type, event.actor])).toEqual([
        [0, 'WorkerPlaced', worker.userId],
        [1, 'PlacementApproved', scene.lenderStaff.userId],
        [2, 'PlacementCancelled', scene.retailerStaff.userId],
      ]);
      expect(new Set(placementHistory.map((event) => event.stream)).size).toBe(1);
      expect(JSON.parse(placementHistory[0].data)).toMatchObject({ placementId: pending.id, shiftId: shift.id, workerId: worker.workerId });
      expect(refusal(await app.gql(OPS.placementHistory, { id: pending.id }, stranger.token))?.code).toBe('NOT_FOUND');

      const shiftHistory: Event[] = dataOf(await app.gql(OPS.shiftHistory, { id: shift.id }, scene.retailerAdmin.token), 'history').shift.history;
      expect(shiftHistory.map((event) => [event.revision, event.type])).toEqual([
        [0, 'ShiftPosted'],
        [1, 'SlotTaken'],
        [2, 'SlotFreed'],
        [3, 'ShiftCancelled'],
      ]);
      expect(shiftHistory[0].actor).toBe(scene.retailerAdmin.userId);
      expect(shiftHistory[1].actor).toBe(worker.userId);
      expect(shiftHistory.at(-1)!.actor).toBe(scene.retailerAdmin.userId);
      expect(new Set(shiftHistory.map((event) => event.stream)).size).toBe(1);
      expect(shiftHistory.map((e) => e.occurredAt)).toEqual([...shiftHistory.map((e) => e.occurredAt)].sort());
    });
  });

  // ───────────── timers (these move the clock: keep them last) ─────────────

  describe('time', () => {
    const statusOf = async (placementId: string) => (await readPlacement(placementId)).status;
    const becomes = (placementId: string, status: string) =>
      eventually(async () => (await statusOf(placementId)) === status, `placement ${placementId} to become ${status}`);

    test('SHIFT_STARTED: a posting whose start has passed takes no one', async () => {
      const shift = await scene.postShift({ slots: 3, ...window(20 * MINUTE, 4) });
      const [early, tooLate, invitee] = await scene.addWorkers(3);
      expect((await accepted(early, shift.id)).status).toBe('CONFIRMED');
      clock.advance(21 * MINUTE);
      expectRefused(await accept(tooLate, shift.id), 'SHIFT_STARTED');
      expectRefused(await invite(shift.id, invitee.workerId), 'SHIFT_STARTED');
      await expectUntouched(shift.id, 1, 1);
    });

    test('PENDING_LENDER expires after 2 hours undecided and frees its slot', async () => {
      const shift = await scene.postShift({ slots: 2, ...window(2 * DAY) });
      const [first, second] = await scene.addWorkers(2, { offer: { autoApprove: false } });
      const decided = await accepted(first, shift.id);
      const forgotten = await accepted(second, shift.id);
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 2, status: 'FILLED' });

      clock.advance(110 * MINUTE);
      expect((await decide(scene.lenderStaff, decided.id, true)).data!.decidePlacement.status).toBe('CONFIRMED');
      expect(await statusOf(forgotten.id)).toBe('PENDING_LENDER');

      clock.advance(11 * MINUTE);
      await becomes(forgotten.id, 'EXPIRED');
      expect(await statusOf(decided.id)).toBe('CONFIRMED');
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 1, status: 'OPEN' });
      expectRefused(await decide(scene.lenderStaff, forgotten.id, true), 'INVALID_TRANSITION');
      // The worker's time is free again too.
      expect((await accepted(second, shift.id)).status).toBe('PENDING_LENDER');
    });

    test('by startsAt when that is sooner; an invitation expires at startsAt', async () => {
      const shift = await scene.postShift({ slots: 2, ...window(HOUR, 4) });
      const manual = await scene.addWorker({ offer: { autoApprove: false } });
      const invitee = await scene.addWorker();
      const pending = await accepted(manual, shift.id);
      const invitation = await invited(shift.id, invitee.workerId);

      clock.advance(30 * MINUTE);
      expect(await statusOf(pending.id)).toBe('PENDING_LENDER');
      expect(await statusOf(invitation.id)).toBe('INVITED');

      clock.advance(31 * MINUTE);
      await Promise.all([becomes(pending.id, 'EXPIRED'), becomes(invitation.id, 'EXPIRED')]);
      expect(await readShift(shift.id)).toMatchObject({ slotsFilled: 0 });
      expect(refusal(await respond(invitee, invitation.id, true))?.code).toBe('CONFLICT');
    });
  });
});
