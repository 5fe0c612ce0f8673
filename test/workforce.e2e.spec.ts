import { ManualClock } from '@blue-ocean/kernel';
import { refusal, signUp, startTestApp, TestApp } from './support/app';

const REGISTER = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`;
const VERIFY = `mutation($id: ID!) { verifyOrganization(organizationId: $id, approve: true) { id } }`;
const ADD_MEMBER = `mutation($org: ID!, $email: String!) { addMember(organizationId: $org, email: $email, role: STAFF) { role } }`;
const ENROLL = `mutation($input: EnrollWorkerInput!) {
  enrollWorker(input: $input) { claimCode worker { id fullName skills homeLocation { lat lng } maxHoursPerWeek employer { id } } }
}`;
const CLAIM = `mutation($code: String!) { claimWorkerProfile(claimCode: $code) { id fullName } }`;
const HEALTH = `code cleanDaysInRow validUntil source updatedAt`;
const DECLARE = `mutation($input: HealthDeclarationInput!) { declareHealth(input: $input) { ${HEALTH} } }`;
const ATTEST = `mutation($input: HealthAttestationInput!) { attestHealth(input: $input) { ${HEALTH} } }`;
const OFFER_FIELDS = `id availableFrom availableUntil roles minHourlyRate maxTravelKm autoApprove active worker { id }`;
const OFFER = `mutation($input: OfferWorkerInput!) { offerWorker(input: $input) { ${OFFER_FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawLendingOffer(offerId: $id) { id active } }`;
const WORKER = `query($id: ID!) { worker(id: $id) { id fullName health { ${HEALTH} } } }`;
const WORKERS = `query($employerId: ID!, $first: Int, $after: String) {
  workers(employerId: $employerId, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id fullName } } }
}`;

const clean = { hasSymptoms: false, householdHasSymptoms: false, contactWithConfirmedCase: false, temperatureCelsius: 36.6 };
const DAY = 24 * 60 * 60 * 1000;

type User = { token: string; userId: string };

describe('workforce over HTTP', () => {
  // 10:00 in Shanghai, where the lenders are: each declaration below falls on its own local date.
  const clock = new ManualClock(new Date('2026-03-02T02:00:00Z'));
  let app: TestApp;
  let lenderAdmin: User, lenderStaff: User, otherLenderAdmin: User, retailerAdmin: User, admin: User, stranger: User;
  let lender: string, pendingLender: string, otherLender: string, retailer: string;
  let licences = 0;

  beforeAll(async () => {
    app = await startTestApp({}, { clock });
    [lenderAdmin, lenderStaff, otherLenderAdmin, retailerAdmin, admin, stranger] = await Promise.all(
      ['owner@lender.test', 'staff@lender.test', 'owner@other-lender.test', 'owner@retailer.test', 'admin@blue-ocean.test', 'stranger@nowhere.test'].map(
        (email) => signUp(app, email),
      ),
    );
    lender = await register(lenderAdmin, ['LENDER'], { verify: true });
    expect((await app.gql(ADD_MEMBER, { org: lender, email: 'staff@lender.test' }, lenderAdmin.token)).errors).toBeUndefined();
    pendingLender = await register(lenderAdmin, ['LENDER']);
    otherLender = await register(otherLenderAdmin, ['LENDER'], { verify: true });
    retailer = await register(retailerAdmin, ['RETAILER'], { verify: true });
  });
  afterAll(() => app.close());

  async function register(owner: User, kinds: string[], options: { verify?: boolean } = {}): Promise<string> {
    const input = { name: 'Hai Di Lao', kinds, industry: 'RESTAURANT', city: 'Shanghai', timezone: 'Asia/Shanghai', businessLicenceNumber: `WF-${++licences}` };
    const id = (await app.gql(REGISTER, { input }, owner.token)).data.registerOrganization.id as string;
    if (options.verify) expect((await app.gql(VERIFY, { id }, admin.token)).errors).toBeUndefined();
    return id;
  }

  const enrolment = (employerId: string, overrides: Record<string, unknown> = {}) => ({
    employerId,
    fullName: 'Li Wei',
    phone: '+86 138 0013 8000',
    skills: ['PICKER', 'COURIER'],
    homeLocation: { lat: 31.23, lng: 121.47 },
    ...overrides,
  });

  async function enroll(employerId = lender, by: User = lenderStaff, overrides: Record<string, unknown> = {}) {
    const result = await app.gql(ENROLL, { input: enrolment(employerId, overrides) }, by.token);
    expect(result.errors).toBeUndefined();
    return result.data.enrollWorker as { claimCode: string; worker: { id: string } };
  }

  /** A signed-up user holding a freshly enrolled worker profile. */
  async function enrolledWorker(email: string, employerId = lender) {
    const { claimCode, worker } = await enroll(employerId);
    const user = await signUp(app, email);
    expect((await app.gql(CLAIM, { code: claimCode }, user.token)).errors).toBeUndefined();
    return { ...user, workerId: worker.id };
  }

  const offerFor = (workerId: string, overrides: Record<string, unknown> = {}) => ({
    workerId,
    availableFrom: new Date(clock.now().getTime() + DAY).toISOString(),
    availableUntil: new Date(clock.now().getTime() + 8 * DAY).toISOString(),
    roles: ['PICKER'],
    minHourlyRate: '25',
    maxTravelKm: 15,
    autoApprove: true,
    ...overrides,
  });

  describe('enrolment and claim codes', () => {
    test('a lender member enrols a worker (40 hours a week by default) and gets a claim code', async () => {
      const result = await app.gql(ENROLL, { input: enrolment(lender, { fullName: '  Li Wei ' }) }, lenderStaff.token);
      expect(result.errors).toBeUndefined();
      const { worker, claimCode } = result.data.enrollWorker;
      expect(claimCode).toMatch(/^[2-9A-Z]{12}$/);
      expect(worker).toMatchObject({
        fullName: 'Li Wei',
        skills: ['PICKER', 'COURIER'],
        homeLocation: { lat: 31.23, lng: 121.47 },
        maxHoursPerWeek: 40,
        employer: { id: lender },
      });
      const read = await app.gql(
        `query($id: ID!) { worker(id: $id) { health { code source cleanDaysInRow validUntil } reliability rating lendingOffers { id }
           placements { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } } }`,
        { id: worker.id },
        lenderAdmin.token,
      );
      expect(read.data.worker).toEqual({
        health: { code: 'AMBER', source: 'NONE', cleanDaysInRow: 0, validUntil: null },
        reliability: 1,
        rating: null,
        lendingOffers: [],
        placements: { totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
      });
    });

    test('only lender members enrol: another lender and a retailer are FORBIDDEN, an unseen pending lender NOT_FOUND', async () => {
      const intoOurs = await app.gql(ENROLL, { input: enrolment(lender) }, otherLenderAdmin.token);
      expect(refusal(intoOurs)?.code).toBe('FORBIDDEN');
      const intoRetailer = await app.gql(ENROLL, { input: enrolment(retailer) }, retailerAdmin.token);
      expect(refusal(intoRetailer)?.code).toBe('FORBIDDEN');
      // A pending organization appears on no other organization's screen (API-RULES.md, Verification).
      const intoPending = await app.gql(ENROLL, { input: enrolment(pendingLender) }, otherLenderAdmin.token);
      expect(refusal(intoPending)?.code).toBe('NOT_FOUND');
      expect(refusal(await app.gql(ENROLL, { input: enrolment(lender) }))?.code).toBe('UNAUTHENTICATED');
      // A pending lender may add workers (it may not lend them yet).
      expect((await app.gql(ENROLL, { input: enrolment(pendingLender) }, lenderAdmin.token)).errors).toBeUndefined();
    });

    test('enrolment input is validated field by field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ fullName: '' }, 'fullName'],
        [{ fullName: '   ' }, 'fullName'],
        [{ phone: 'call me' }, 'phone'],
        [{ skills: [] }, 'skills'],
        [{ homeLocation: { lat: 91, lng: 0 } }, 'homeLocation'],
        [{ maxHoursPerWeek: 61 }, 'maxHoursPerWeek'],
        [{ maxHoursPerWeek: 0 }, 'maxHoursPerWeek'],
      ];
      for (const [overrides, field] of cases) {
        const result = await app.gql(ENROLL, { input: enrolment(lender, overrides) }, lenderAdmin.token);
        expect(refusal(result)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      const sixty = await enroll(lender, lenderAdmin, { maxHoursPerWeek: 60 });
      expect(sixty.worker).toMatchObject({ maxHoursPerWeek: 60 });
    });

    test('the same idempotency key returns the first worker and claim code', async () => {
      const input = { ...enrolment(lender), idempotencyKey: 'enrol-1' };
      const [a, b] = await Promise.all([app.gql(ENROLL, { input }, lenderStaff.token), app.gql(ENROLL, { input }, lenderStaff.token)]);
      expect(a.errors).toBeUndefined();
      expect(b.data.enrollWorker).toEqual(a.data.enrollWorker);
      const reused = await app.gql(ENROLL, { input: { ...input, fullName: 'Someone Else' } }, lenderStaff.token);
      expect(refusal(reused)).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    });

    test('a claim code links the user once; used twice it is refused; a user holds one profile', async () => {
      const { claimCode, worker } = await enroll();
      const user = await signUp(app, 'li.wei@worker.test');
      const typed = `${claimCode.slice(0, 4)}-${claimCode.slice(4, 8)} ${claimCode.slice(8)}`.toLowerCase();
      const claimed = await app.gql(CLAIM, { code: typed }, user.token);
      expect(claimed.data.claimWorkerProfile).toEqual({ id: worker.id, fullName: 'Li Wei' });
      const me = await app.gql(`{ me { worker { id employer { id verification } } } }`, {}, user.token);
      expect(me.data.me.worker).toEqual({ id: worker.id, employer: { id: lender, verification: 'VERIFIED' } });

      // The same user again changes nothing; anyone else is refused.
      expect((await app.gql(CLAIM, { code: claimCode }, user.token)).data.claimWorkerProfile.id).toBe(worker.id);
      const thief = await app.gql(CLAIM, { code: claimCode }, stranger.token);
      expect(refusal(thief)).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION' });

      const second = await enroll();
      expect(refusal(await app.gql(CLAIM, { code: second.claimCode }, user.token))).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_EXISTS' });
      expect(refusal(await app.gql(CLAIM, { code: 'NOT-A-REAL-CODE' }, stranger.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'claimCode' });
      expect((await app.gql(`{ me { worker { id } } }`, {}, stranger.token)).data.me.worker).toBeNull();
    });

    test('two users racing for one profile: one wins', async () => {
      const { claimCode } = await enroll();
      const [a, b] = await Promise.all([signUp(app, 'racer-a@worker.test'), signUp(app, 'racer-b@worker.test')]);
      const results = await Promise.all([app.gql(CLAIM, { code: claimCode }, a.token), app.gql(CLAIM, { code: claimCode }, b.token)]);
      expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
      expect(results.map(refusal).filter(Boolean)).toEqual([{ code: 'CONFLICT', reason: 'INVALID_TRANSITION', field: undefined }]);
    });

    test('one user racing for two profiles: one wins', async () => {
      const [first, second] = await Promise.all([enroll(), enroll()]);
      const user = await signUp(app, 'greedy@worker.test');
      const results = await Promise.all([first, second].map(({ claimCode }) => app.gql(CLAIM, { code: claimCode }, user.token)));
      expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
      expect(results.map(refusal).filter(Boolean)).toEqual([{ code: 'CONFLICT', reason: 'ALREADY_EXISTS', field: undefined }]);
    });
  });

  describe('visibility', () => {
    test('a worker is visible to themselves, the employer\'s members and platform admins; NOT_FOUND for others', async () => {
      const worker = await enrolledWorker('visible@worker.test');
      for (const viewer of [worker, lenderAdmin, lenderStaff, admin]) {
        expect((await app.gql(WORKER, { id: worker.workerId }, viewer.token)).data.worker.id).toBe(worker.workerId);
      }
      for (const viewer of [otherLenderAdmin, retailerAdmin, stranger]) {
        expect(refusal(await app.gql(WORKER, { id: worker.workerId }, viewer.token))?.code).toBe('NOT_FOUND');
      }
      expect(refusal(await app.gql(WORKER, { id: 'not-an-id' }, admin.token))?.code).toBe('NOT_FOUND');
    });
  });

  describe('health', () => {
    test('only the worker declares: a user without a claimed profile is FORBIDDEN', async () => {
      // declareHealth acts on the caller's own profile, so "for someone else" means without one.
      expect(refusal(await app.gql(DECLARE, { input: clean }, stranger.token))?.code).toBe('FORBIDDEN');
      expect(refusal(await app.gql(DECLARE, { input: clean }, lenderAdmin.token))?.code).toBe('FORBIDDEN');
    });

    test('a declaration is validated; an unclean one makes the code RED', async () => {
      const worker = await enrolledWorker('feverish@worker.test');
      const tooHot = await app.gql(DECLARE, { input: { ...clean, temperatureCelsius: 50 } }, worker.token);
      expect(refusal(tooHot)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'temperatureCelsius' });
      const fever = await app.gql(DECLARE, { input: { ...clean, temperatureCelsius: 37.3 } }, worker.token);
      expect(fever.data.declareHealth).toMatchObject({ code: 'RED', source: 'SELF_DECLARATION', cleanDaysInRow: 0 });
    });

    test('clean declarations on 14 consecutive dates make GREEN; 13 are AMBER; a missed day ends the run', async () => {
      const worker = await enrolledWorker('fourteen@worker.test');
      let status: any;
      for (let day = 1; day <= 14; day++) {
        if (day > 1) clock.advance(DAY);
        status = (await app.gql(DECLARE, { input: clean }, worker.token)).data.declareHealth;
        if (day === 13) expect(status).toMatchObject({ code: 'AMBER', cleanDaysInRow: 13 });
      }
      expect(status).toEqual({
        code: 'GREEN',
        cleanDaysInRow: 14,
        validUntil: null,
        source: 'SELF_DECLARATION',
        updatedAt: clock.now().toISOString(),
      });
      expect((await app.gql(WORKER, { id: worker.workerId }, lenderStaff.token)).data.worker.health.code).toBe('GREEN');

      clock.advance(DAY); // no declaration today: computed when asked, the code drops
      const nextDay = (await app.gql(WORKER, { id: worker.workerId }, worker.token)).data.worker.health;
      expect(nextDay).toMatchObject({ code: 'AMBER', cleanDaysInRow: 0 });
    });

    test('platform admins attest a code valid until a date; anyone else is FORBIDDEN; input is validated', async () => {
      const worker = await enrolledWorker('attested@worker.test');
      const validUntil = new Date(clock.now().getTime() + 7 * DAY).toISOString();
      const input = { workerId: worker.workerId, code: 'GREEN', validUntil, reference: 'SH-2026-0042' };
      for (const nonAdmin of [lenderAdmin, worker, stranger]) {
        expect(refusal(await app.gql(ATTEST, { input }, nonAdmin.token))?.code).toBe('FORBIDDEN');
      }
      const past = { ...input, validUntil: new Date(clock.now().getTime() - DAY).toISOString() };
      expect(refusal(await app.gql(ATTEST, { input: past }, admin.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validUntil' });
      expect(refusal(await app.gql(ATTEST, { input: { ...input, reference: '' } }, admin.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'reference',
      });
      const unknown = { ...input, workerId: '00000000-0000-4000-8000-000000000000' };
      expect(refusal(await app.gql(ATTEST, { input: unknown }, admin.token))?.code).toBe('NOT_FOUND');

      const attested = await app.gql(ATTEST, { input }, admin.token);
      expect(attested.data.attestHealth).toEqual({
        code: 'GREEN',
        cleanDaysInRow: 0,
        validUntil,
        source: 'AUTHORITY_ATTESTATION',
        updatedAt: clock.now().toISOString(),
      });
    });
  });

  describe('lending offers', () => {
    test('refused with INVALID_TRANSITION while the lender is not verified', async () => {
      const { worker } = await enroll(pendingLender, lenderAdmin);
      const result = await app.gql(OFFER, { input: offerFor(worker.id) }, lenderAdmin.token);
      expect(refusal(result)).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION' });
      const offers = await app.gql(`query($id: ID!) { worker(id: $id) { lendingOffers(activeOnly: false) { id } } }`, { id: worker.id }, lenderAdmin.token);
      expect(offers.data.worker.lendingOffers).toEqual([]);
    });

    test('a verified lender offers a worker and withdraws the offer', async () => {
      const { worker } = await enroll();
      const input = offerFor(worker.id, { roles: ['PICKER', 'PACKER'], minHourlyRate: '25.5' });
      const offered = await app.gql(OFFER, { input }, lenderStaff.token);
      expect(offered.errors).toBeUndefined();
      const offer = offered.data.offerWorker;
      expect(offer).toMatchObject({
        availableFrom: input.availableFrom,
        availableUntil: input.availableUntil,
        roles: ['PICKER', 'PACKER'],
        minHourlyRate: '25.50',
        maxTravelKm: 15,
        autoApprove: true,
        active: true,
        worker: { id: worker.id },
      });

      const listed = `query($id: ID!) { worker(id: $id) { active: lendingOffers { id active } all: lendingOffers(activeOnly: false) { id active } } }`;
      expect((await app.gql(listed, { id: worker.id }, lenderAdmin.token)).data.worker).toEqual({
        active: [{ id: offer.id, active: true }],
        all: [{ id: offer.id, active: true }],
      });

      expect((await app.gql(WITHDRAW, { id: offer.id }, lenderAdmin.token)).data.withdrawLendingOffer).toEqual({ id: offer.id, active: false });
      expect(refusal(await app.gql(WITHDRAW, { id: offer.id }, lenderAdmin.token))).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION' });
      expect((await app.gql(listed, { id: worker.id }, lenderAdmin.token)).data.worker).toEqual({
        active: [],
        all: [{ id: offer.id, active: false }],
      });
    });

    test('only the lender\'s members offer and withdraw', async () => {
      const worker = await enrolledWorker('offered@worker.test');
      const input = offerFor(worker.workerId);
      expect(refusal(await app.gql(OFFER, { input }, worker.token))?.code).toBe('FORBIDDEN');
      expect(refusal(await app.gql(OFFER, { input }, otherLenderAdmin.token))?.code).toBe('NOT_FOUND');
      const offer = (await app.gql(OFFER, { input }, lenderAdmin.token)).data.offerWorker;
      expect(refusal(await app.gql(WITHDRAW, { id: offer.id }, worker.token))?.code).toBe('FORBIDDEN');
      expect(refusal(await app.gql(WITHDRAW, { id: offer.id }, retailerAdmin.token))?.code).toBe('NOT_FOUND');
    });

    test('offer input is validated field by field', async () => {
      const { worker } = await enroll();
      const from = new Date(clock.now().getTime() + DAY).toISOString();
      const cases: [Record<string, unknown>, string][] = [
        [{ availableFrom: from, availableUntil: from }, 'availableUntil'],
        [
          { availableFrom: new Date(clock.now().getTime() - 3 * DAY).toISOString(), availableUntil: new Date(clock.now().getTime() - DAY).toISOString() },
          'availableUntil',
        ],
        [{ roles: [] }, 'roles'],
        [{ minHourlyRate: '-1' }, 'minHourlyRate'],
        [{ minHourlyRate: '25.123' }, 'minHourlyRate'],
        [{ maxTravelKm: 0 }, 'maxTravelKm'],
        [{ maxTravelKm: 501 }, 'maxTravelKm'],
      ];
      for (const [overrides, field] of cases) {
        const result = await app.gql(OFFER, { input: offerFor(worker.id, overrides) }, lenderAdmin.token);
        expect(refusal(result)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
    });
  });

  describe('workers of a lender', () => {
    test('pages with keyset cursors in enrolment order, with a total count', async () => {
      const employer = await register(lenderAdmin, ['LENDER', 'RETAILER'], { verify: true });
      const enrolled: string[] = [];
      for (let i = 0; i < 5; i++) {
        enrolled.push((await enroll(employer, lenderAdmin, { fullName: `Worker ${i}` })).worker.id);
        clock.advance(60_000);
      }
      const seen: string[] = [];
      let after: string | null = null;
      for (const expected of [{ size: 2, more: true }, { size: 2, more: true }, { size: 1, more: false }]) {
        const page: any = (await app.gql(WORKERS, { employerId: employer, first: 2, after }, lenderAdmin.token)).data.workers;
        expect(page.totalCount).toBe(5);
        expect(page.edges).toHaveLength(expected.size);
        expect(page.pageInfo).toEqual({ hasNextPage: expected.more, endCursor: page.edges.at(-1).cursor });
        seen.push(...page.edges.map((edge: any) => edge.node.id));
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(enrolled);
      const everyone = (await app.gql(WORKERS, { employerId: employer }, lenderAdmin.token)).data.workers;
      expect(everyone.edges.map((edge: any) => edge.node.fullName)).toEqual(['Worker 0', 'Worker 1', 'Worker 2', 'Worker 3', 'Worker 4']);
    });

    test('only lender members list workers: a retailer or another lender listing your staff is FORBIDDEN', async () => {
      expect(refusal(await app.gql(WORKERS, { employerId: lender }, retailerAdmin.token))?.code).toBe('FORBIDDEN');
      expect(refusal(await app.gql(WORKERS, { employerId: lender }, otherLenderAdmin.token))?.code).toBe('FORBIDDEN');
      expect(refusal(await app.gql(WORKERS, { employerId: retailer }, retailerAdmin.token))?.code).toBe('FORBIDDEN');
      expect((await app.gql(WORKERS, { employerId: lender }, lenderStaff.token)).errors).toBeUndefined();
    });

    test('page size and cursor are validated', async () => {
      expect(refusal(await app.gql(WORKERS, { employerId: lender, first: 0 }, lenderAdmin.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(refusal(await app.gql(WORKERS, { employerId: lender, first: 101 }, lenderAdmin.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      const forged = Buffer.from(JSON.stringify([new Date().toISOString(), 'not-a-uuid'])).toString('base64url');
      for (const after of ['bogus', forged]) {
        expect(refusal(await app.gql(WORKERS, { employerId: lender, after }, lenderAdmin.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      }
    });
  });

  describe('history', () => {
    test("is the worker's stream in order, with actors, and without the claim code's hash", async () => {
      const enrolledAt = clock.now().toISOString();
      const { claimCode, worker } = await enroll(lender, lenderStaff);
      const user = await signUp(app, 'history@worker.test');
      await app.gql(CLAIM, { code: claimCode }, user.token);
      await app.gql(DECLARE, { input: clean }, user.token);
      const offer = (await app.gql(OFFER, { input: offerFor(worker.id) }, lenderAdmin.token)).data.offerWorker;
      await app.gql(WITHDRAW, { id: offer.id }, lenderAdmin.token);

      const result = await app.gql(
        `query($id: ID!) { worker(id: $id) { history { id stream revision type occurredAt actor data } } }`,
        { id: worker.id },
        user.token,
      );
      const history = result.data.worker.history as { revision: number; type: string; actor: string; data: string; stream: string; occurredAt: string }[];
      expect(history.map((event) => [event.revision, event.type, event.actor])).toEqual([
        [0, 'WorkerEnrolled', lenderStaff.userId],
        [1, 'WorkerProfileClaimed', user.userId],
        [2, 'HealthDeclared', user.userId],
        [3, 'LendingOfferMade', lenderAdmin.userId],
        [4, 'LendingOfferWithdrawn', lenderAdmin.userId],
      ]);
      expect(new Set(history.map((event) => event.stream))).toEqual(new Set([`worker-${worker.id}`]));
      expect(history[0].occurredAt).toBe(enrolledAt);
      const enrolledData = JSON.parse(history[0].data);
      expect(enrolledData).toMatchObject({ workerId: worker.id, employerId: lender, fullName: 'Li Wei' });
      expect(enrolledData).not.toHaveProperty('claimCodeHash');
      for (const event of history) expect(event.data).not.toContain(claimCode);
    });
  });
});
