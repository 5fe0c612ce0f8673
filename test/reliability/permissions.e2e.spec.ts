import { randomBytes } from 'node:crypto';
import { ManualClock } from '@blue-ocean/kernel';
import { GraphQLResponse, startTestApp, TestApp } from '../support/app';
import {
  addSite,
  createMarketplaceScene,
  dataOf,
  DAY,
  HOUR,
  iso,
  MINUTE,
  OPS,
  PASSWORD,
  registerOrganization,
  Scene,
  SceneWorker,
  SHANGHAI,
  signUpUser,
  User,
} from '../support/marketplace-fixtures';

/**
 * Issue 7, part 5: every query and mutation of the contract × every role, asserted against
 * API-RULES.md ("Who may do what", "Reads"). One scene holds a placement in each useful state.
 *
 * "Allowed" means the permission check passed: the answer is data, or a refusal for a business
 * reason (CONFLICT, BAD_USER_INPUT), never UNAUTHENTICATED/FORBIDDEN/NOT_FOUND. Each mutation row
 * gets a target that would succeed (a fresh one after each success), so an allowed cell is a real
 * success. "Refused" means UNAUTHENTICATED (always, for anonymous), FORBIDDEN or NOT_FOUND, no
 * event written, and for a read no data: the field is null and no id of the scene leaks.
 *
 * Roles: lender and retailer "members" are tested as ADMIN and as STAFF; the "other" lender and
 * retailer are verified organizations of their own, unrelated to the scene's objects.
 *
 * Reads by platform admins: API-RULES lists no platform-admin read of workers or placements, but
 * the project serves them (workforce and subscriptions e2e suites assert it): admins attest
 * workers' health and trace contacts, whose answers are workers. The matrix keeps that
 * interpretation (marked "operator read" below); settlements, ledgers and lists stay members-only.
 */

const ROLES = ['anonymous', 'worker', 'other worker', 'lender admin', 'lender staff', 'other lender', 'retailer admin', 'retailer staff', 'other retailer', 'platform admin'] as const;
type Role = (typeof ROLES)[number];

const ALL_SIGNED_IN: Role[] = ROLES.filter((r) => r !== 'anonymous');
const LENDER: Role[] = ['lender admin', 'lender staff'];
const RETAILER: Role[] = ['retailer admin', 'retailer staff'];
const WORKERS: Role[] = ['worker', 'other worker'];

type Variables = Record<string, unknown>;

interface Row {
  /** The operation, as the matrix prints it. */
  name: string;
  kind: 'query' | 'mutation';
  document: string;
  /** The roles API-RULES allows. */
  allowed: readonly Role[];
  /** The variables of a target the operation would succeed on; called again after each success. */
  target: () => Promise<Variables>;
  /** For reads: the path to the object asked for (data is null there when refused). */
  field: string;
  /**
   * For a read of part of an object others may see: whether the answer shows that part. Allowed
   * then means shown; refused means not shown (the rest of the object may be answered).
   */
  visible?: (response: GraphQLResponse) => boolean;
}

const Q = {
  me: `{ me { id email } }`,
  organization: `query($id: ID!) { organization(id: $id) { id name verification sites { id } } }`,
  worker: `query($id: ID!) { worker(id: $id) { id fullName employer { id } health { code } lendingOffers { id } placements(first: 5) { edges { node { id } } } } }`,
  workerHistory: `query($id: ID!) { worker(id: $id) { id history { id stream type } } }`,
  workerPlacements: `query($id: ID!) { worker(id: $id) { id placements(first: 100) { edges { node { id } } } } }`,
  shift: `query($id: ID!) { shift(id: $id) { id title retailer { id } site { id } } }`,
  shiftPlacements: `query($id: ID!) { shift(id: $id) { id placements { id status worker { id } } } }`,
  shiftHistory: `query($id: ID!) { shift(id: $id) { id history { id stream type } } }`,
  placement: `query($id: ID!) { placement(id: $id) { id status worker { id } lender { id } shift { id } insurance { policyNumber } } }`,
  placementHistory: `query($id: ID!) { placement(id: $id) { id history { id stream type } } }`,
  settlement: `query($id: ID!) { settlement(id: $id) { id status total lines { placement { id } amount } } }`,
  settlementHistory: `query($id: ID!) { settlement(id: $id) { id history { id stream type } } }`,
  workers: `query($id: ID!) { workers(employerId: $id) { totalCount edges { node { id } } } }`,
  shifts: `query($id: ID!) { shifts(retailerId: $id) { totalCount edges { node { id } } } }`,
  openShifts: `{ openShifts { totalCount edges { node { id } } } }`,
  availableWorkers: `query($id: ID!) { availableWorkers(filter: { shiftId: $id }) { totalCount edges { node { worker { id } offer { id } } } } }`,
  placements: `query($id: ID!) { placements(organizationId: $id) { totalCount edges { node { id } } } }`,
  settlements: `query($id: ID!) { settlements(organizationId: $id) { totalCount edges { node { id } } } }`,
  ledger: `query($id: ID!) { ledger(organizationId: $id) { id account amount placementId settlementId } }`,
  earnings: `query($id: ID!, $from: Date!, $until: Date!) { earnings(workerId: $id, from: $from, until: $until) { placements grossPay } }`,
  closeContacts: `query($id: ID!) { closeContacts(workerId: $id) { worker { id } overlapMinutes } }`,

  signUp: `mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }`,
  logIn: `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { user { id } } }`,
  register: `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`,
  verify: `mutation($id: ID!) { verifyOrganization(organizationId: $id, approve: true) { id verification } }`,
  addSite: `mutation($input: AddSiteInput!) { addSite(input: $input) { id } }`,
  addMember: `mutation($org: ID!, $email: String!) { addMember(organizationId: $org, email: $email, role: STAFF) { role } }`,
  enroll: `mutation($input: EnrollWorkerInput!) { enrollWorker(input: $input) { worker { id } } }`,
  claim: `mutation($code: String!) { claimWorkerProfile(claimCode: $code) { id } }`,
  declare: `mutation($input: HealthDeclarationInput!) { declareHealth(input: $input) { code } }`,
  attest: `mutation($input: HealthAttestationInput!) { attestHealth(input: $input) { code } }`,
  offer: `mutation($input: OfferWorkerInput!) { offerWorker(input: $input) { id } }`,
  withdraw: `mutation($id: ID!) { withdrawLendingOffer(offerId: $id) { id active } }`,
  postShift: `mutation($input: PostShiftInput!) { postShift(input: $input) { id } }`,
  cancelShift: `mutation($id: ID!) { cancelShift(shiftId: $id, reason: "No longer needed") { id status } }`,
  invite: `mutation($shiftId: ID!, $workerId: ID!) { inviteWorker(shiftId: $shiftId, workerId: $workerId) { id status } }`,
  accept: `mutation($shiftId: ID!) { acceptShift(shiftId: $shiftId) { id status } }`,
  respond: `mutation($id: ID!) { respondToInvitation(placementId: $id, accept: true) { id status } }`,
  decide: `mutation($id: ID!) { decidePlacement(placementId: $id, approve: true) { id status } }`,
  cancelPlacement: `mutation($id: ID!) { cancelPlacement(placementId: $id, reason: "Plans changed") { id status } }`,
  checkIn: `mutation($input: CheckInInput!) { checkIn(input: $input) { id status } }`,
  checkOut: `mutation($input: CheckOutInput!) { checkOut(input: $input) { id status } }`,
  approve: `mutation($input: ApproveTimesheetInput!) { approveTimesheet(input: $input) { id status } }`,
  dispute: `mutation($id: ID!) { disputeTimesheet(placementId: $id, reason: "I worked longer") { id status } }`,
  rate: `mutation($input: RatingInput!) { rateWorker(input: $input) { id status } }`,
  pay: `mutation($id: ID!) { recordSettlementPayment(settlementId: $id, paymentReference: "ICBC-0001") { id status } }`,
};

describe('permission matrix (issue 7, part 5)', () => {
  let app: TestApp;
  let clock: ManualClock;
  let scene: Scene;
  let users: Record<Role, User | null>;
  let w1: SceneWorker;
  let w2: SceneWorker;
  /** Every id the scene made: none may appear in the answer to a refused read. */
  const sceneIds = new Set<string>();

  // Targets made while the clock travelled through a working day.
  const checkedOut: string[] = [];
  const approved: string[] = [];
  let settlementId: string;
  let mainShiftId: string;
  let mainPlacementId: string;
  /** The worker's placement at the other retailer. */
  let elsewherePlacementId: string;
  let pendingOrgId: string;
  let pendingOwner: User;
  let pendingLenderWorker: SceneWorker;
  let spareWorker: SceneWorker;
  let otherLenderId: string;
  let otherRetailerId: string;
  const checkInReady: string[] = [];
  const checkedIn: string[] = [];
  let slot = 0;

  const gql = <T = any>(document: string, variables: Variables, user: User | null): Promise<GraphQLResponse<T>> => app.gql<T>(document, variables, user?.token);
  const remember = <T extends string>(id: T): T => (sceneIds.add(id), id);
  const countEvents = async () => Number((await app.db.pool.query('SELECT count(*)::int AS n FROM events')).rows[0].n);

  /** A one-hour posting of the scene's retailer in a slot of its own (no two overlap), green code not required. */
  async function freshShift(overrides: { startsAt?: number; minutes?: number } = {}): Promise<string> {
    const startsAt = overrides.startsAt ?? clock.now().getTime() + 2 * DAY + slot++ * 3 * HOUR;
    const shift = await scene.postShift({ startsAt: iso(startsAt), endsAt: iso(startsAt + (overrides.minutes ?? 60) * MINUTE), requiresGreenCode: false });
    return remember(shift.id);
  }

  async function accepted(worker: User, shiftId: string): Promise<string> {
    const placement = dataOf(await gql(OPS.acceptShift, { shiftId }, worker), 'acceptShift').acceptShift;
    return remember(placement.id as string);
  }

  async function approve(placementId: string): Promise<void> {
    dataOf(await gql(Q.approve, { input: { placementId } }, scene.retailerAdmin), 'approveTimesheet');
  }

  /** The unpaid settlement holding the placement's wage line (INVOICED once its business day has ended: the test's clock may cross local midnight). */
  async function settlementOf(placementId: string): Promise<string> {
    const list = dataOf(
      await gql(`query($id: ID!) { settlements(organizationId: $id, status: [OPEN, INVOICED], first: 100) { edges { node { id lines { placement { id } } } } } }`, { id: scene.retailerId }, scene.retailerAdmin),
      'settlements',
    ).settlements;
    const found = list.edges.find((e: { node: { lines: { placement: { id: string } }[] } }) => e.node.lines.some((l) => l.placement.id === placementId));
    if (!found) throw new Error(`no open settlement holds ${placementId}`);
    return remember(found.node.id as string);
  }

  beforeAll(async () => {
    const start = new Date();
    clock = new ManualClock(start);
    app = await startTestApp({}, { clock });
    scene = await createMarketplaceScene(app, { workers: 2, clock });
    [w1, w2] = scene.workers;
    const tag = randomBytes(3).toString('hex');
    const [otherLenderAdmin, otherRetailerAdmin, owner] = await Promise.all([
      signUpUser(app, `other-lender-${tag}@lender.test`),
      signUpUser(app, `other-retailer-${tag}@retailer.test`),
      signUpUser(app, `pending-${tag}@pending.test`),
    ]);
    pendingOwner = owner;
    [otherLenderId, otherRetailerId, pendingOrgId] = await Promise.all([
      registerOrganization(app, otherLenderAdmin, { kinds: ['LENDER'], verifiedBy: scene.admin, name: 'Other lender' }),
      registerOrganization(app, otherRetailerAdmin, { kinds: ['RETAILER'], verifiedBy: scene.admin, name: 'Other retailer' }),
      registerOrganization(app, pendingOwner, { kinds: ['RETAILER'], name: 'Pending retailer' }),
    ]);
    await addSite(app, otherRetailerAdmin, otherRetailerId);
    // A third retailer, no role's: the worker also works there.
    const elsewhereRetailerId = remember(await registerOrganization(app, pendingOwner, { kinds: ['RETAILER'], verifiedBy: scene.admin, name: 'Elsewhere retailer' }));
    const elsewhereSiteId = remember(await addSite(app, pendingOwner, elsewhereRetailerId));
    // A worker whose lender approves each placement (for decidePlacement), one whose offers are withdrawn.
    pendingLenderWorker = await scene.addWorker({ offer: { autoApprove: false } });
    spareWorker = await scene.addWorker({ offer: null });
    users = {
      anonymous: null,
      worker: w1,
      'other worker': w2,
      'lender admin': scene.lenderAdmin,
      'lender staff': scene.lenderStaff,
      'other lender': otherLenderAdmin,
      'retailer admin': scene.retailerAdmin,
      'retailer staff': scene.retailerStaff,
      'other retailer': otherRetailerAdmin,
      'platform admin': scene.admin,
    };
    for (const id of [scene.lenderId, scene.retailerId, scene.siteId, otherLenderId, otherRetailerId, pendingOrgId, pendingLenderWorker.workerId, spareWorker.workerId]) remember(id);
    for (const w of scene.workers) [w.workerId, w.offerId!, w.userId].forEach(remember);

    // A working day: the worker takes 16 one-hour shifts tomorrow and works each (the clock moves
    // to each check-in and check-out); 10 timesheets are approved, so settlements have lines.
    const day = start.getTime() + DAY;
    const shifts = [];
    for (let k = 0; k < 16; k++) shifts.push(await freshShift({ startsAt: day + k * 90 * MINUTE }));
    const worked = [];
    for (const shiftId of shifts) worked.push(await accepted(w1, shiftId));
    for (let k = 0; k < worked.length; k++) {
      const startsAt = day + k * 90 * MINUTE;
      clock.set(new Date(startsAt - 5 * MINUTE));
      dataOf(await gql(Q.checkIn, { input: { placementId: worked[k], location: SHANGHAI, temperatureCelsius: 36.5 } }, w1), 'checkIn');
      clock.set(new Date(startsAt + 60 * MINUTE));
      dataOf(await gql(Q.checkOut, { input: { placementId: worked[k], location: SHANGHAI } }, w1), 'checkOut');
    }
    for (const id of worked.slice(0, 10)) await approve(id);
    approved.push(...worked.slice(0, 10));
    checkedOut.push(...worked.slice(10));
    settlementId = await settlementOf(approved[0]);

    // From here the clock stands still (no timer fires): a confirmed placement two days ahead,
    // and short postings starting within the check-in window.
    clock.set(new Date(day + DAY));
    mainShiftId = await freshShift();
    mainPlacementId = await accepted(w1, mainShiftId);
    const elsewhere = clock.now().getTime() + 2 * DAY + slot++ * 3 * HOUR;
    const otherShift = await scene.postShift({ siteId: elsewhereSiteId, startsAt: iso(elsewhere), endsAt: iso(elsewhere + HOUR), requiresGreenCode: false }, pendingOwner);
    elsewherePlacementId = await accepted(w1, remember(otherShift.id));
    const soon = clock.now().getTime();
    for (let k = 0; k < 4; k++) checkInReady.push(await accepted(w1, await freshShift({ startsAt: soon + (10 + 5 * k) * MINUTE, minutes: 4 })));
    const inReady = checkInReady.splice(0, 2);
    for (const placementId of inReady) {
      dataOf(await gql(Q.checkIn, { input: { placementId, location: SHANGHAI, temperatureCelsius: 36.5 } }, w1), 'checkIn');
      checkedIn.push(placementId);
    }
  }, 180_000);
  afterAll(() => app?.close());

  const take = (pool: string[], what: string): string => {
    const id = pool.shift();
    if (!id) throw new Error(`no ${what} left for the matrix`);
    return id;
  };

  function rows(): Row[] {
    const id = (value: string) => async () => ({ id: value });
    const today = clock.now().toISOString().slice(0, 10);
    const read = (name: string, document: string, allowed: readonly Role[], target: () => Promise<Variables>, field: string): Row => ({ name, kind: 'query', document, allowed, target, field });
    const write = (name: string, document: string, allowed: readonly Role[], target: () => Promise<Variables>, field: string): Row => ({ name, kind: 'mutation', document, allowed, target, field });
    const operatorRead = [...RETAILER, ...LENDER, 'worker', 'platform admin'] as Role[];
    let serial = 0;
    return [
      read('me', Q.me, ALL_SIGNED_IN, async () => ({}), 'me'),
      read('organization (verified)', Q.organization, ALL_SIGNED_IN, id(scene.retailerId), 'organization'),
      read('organization (PENDING)', Q.organization, ['platform admin'], id(pendingOrgId), 'organization'),
      read('worker ¹', Q.worker, operatorRead, id(w1.workerId), 'worker'),
      read('worker.history ¹', Q.workerHistory, operatorRead, id(w1.workerId), 'worker'),
      {
        // Whoever sees the worker sees its placements, but a retailer only those at its own sites.
        ...read("worker.placements (another retailer's)", Q.workerPlacements, ['worker', ...LENDER, 'platform admin'], id(w1.workerId), 'worker'),
        visible: (response) => JSON.stringify(response).includes(elsewherePlacementId),
      },
      read('shift', Q.shift, ALL_SIGNED_IN, id(mainShiftId), 'shift'),
      read('shift.history', Q.shiftHistory, ALL_SIGNED_IN, id(mainShiftId), 'shift'),
      read('shift.placements', Q.shiftPlacements, RETAILER, id(mainShiftId), 'shift'),
      read('placement ¹', Q.placement, operatorRead, id(mainPlacementId), 'placement'),
      read('placement.history ¹', Q.placementHistory, operatorRead, id(mainPlacementId), 'placement'),
      read('settlement', Q.settlement, [...LENDER, ...RETAILER], async () => ({ id: settlementId }), 'settlement'),
      read('settlement.history', Q.settlementHistory, [...LENDER, ...RETAILER], async () => ({ id: settlementId }), 'settlement'),
      read('workers (lender)', Q.workers, LENDER, id(scene.lenderId), 'workers'),
      read('shifts (retailer)', Q.shifts, RETAILER, id(scene.retailerId), 'shifts'),
      read('openShifts', Q.openShifts, WORKERS, async () => ({}), 'openShifts'),
      read('availableWorkers', Q.availableWorkers, RETAILER, id(mainShiftId), 'availableWorkers'),
      read('placements (lender)', Q.placements, LENDER, id(scene.lenderId), 'placements'),
      read('placements (retailer)', Q.placements, RETAILER, id(scene.retailerId), 'placements'),
      read('settlements (lender)', Q.settlements, LENDER, id(scene.lenderId), 'settlements'),
      read('settlements (retailer)', Q.settlements, RETAILER, id(scene.retailerId), 'settlements'),
      read('ledger (lender)', Q.ledger, LENDER, id(scene.lenderId), 'ledger'),
      read('ledger (retailer)', Q.ledger, RETAILER, id(scene.retailerId), 'ledger'),
      read('earnings', Q.earnings, ['worker', ...LENDER], async () => ({ id: w1.workerId, from: '2000-01-01', until: today }), 'earnings'),
      read('closeContacts', Q.closeContacts, ['platform admin', ...LENDER], id(w1.workerId), 'closeContacts'),

      write('verifyOrganization', Q.verify, ['platform admin'], async () => ({ id: remember(await registerOrganization(app, pendingOwner, { kinds: ['LENDER'], name: `Pending ${serial++}` })) }), 'verifyOrganization'),
      write('addSite', Q.addSite, ['retailer admin'], async () => ({ input: { organizationId: scene.retailerId, name: `Store ${serial++}`, address: '1 Huaihai Rd', location: SHANGHAI } }), 'addSite'),
      write('addMember', Q.addMember, ['retailer admin'], async () => ({ org: scene.retailerId, email: (await signUpUser(app, `member-${serial++}-${randomBytes(3).toString('hex')}@retailer.test`)).email }), 'addMember'),
      write('enrollWorker', Q.enroll, LENDER, async () => ({ input: { employerId: scene.lenderId, fullName: `Enrolled ${serial++}`, phone: '+86 138 0000 0000', skills: ['PICKER'], homeLocation: SHANGHAI } }), 'enrollWorker'),
      write('attestHealth', Q.attest, ['platform admin'], async () => ({ input: { workerId: w1.workerId, code: 'GREEN', validUntil: iso(clock.now().getTime() + 60 * DAY), reference: `SH-${serial++}` } }), 'attestHealth'),
      write('offerWorker', Q.offer, LENDER, async () => ({
        input: { workerId: spareWorker.workerId, availableFrom: iso(clock.now()), availableUntil: iso(clock.now().getTime() + 10 * DAY), roles: ['CLEANER'], minHourlyRate: '20.00', maxTravelKm: 5, autoApprove: true },
      }), 'offerWorker'),
      write('withdrawLendingOffer', Q.withdraw, LENDER, async () => ({ id: remember(await scene.offer(spareWorker.workerId, { roles: ['CLEANER'] })) }), 'withdrawLendingOffer'),
      write('postShift', Q.postShift, RETAILER, async () => ({ input: scene.shiftInput({ startsAt: iso(clock.now().getTime() + 20 * DAY), endsAt: iso(clock.now().getTime() + 20 * DAY + HOUR) }) }), 'postShift'),
      write('cancelShift', Q.cancelShift, RETAILER, async () => ({ id: await freshShift() }), 'cancelShift'),
      write('inviteWorker', Q.invite, RETAILER, async () => ({ shiftId: await freshShift(), workerId: w1.workerId }), 'inviteWorker'),
      write('acceptShift', Q.accept, WORKERS, async () => ({ shiftId: await freshShift() }), 'acceptShift'),
      write('respondToInvitation', Q.respond, ['worker'], async () => {
        const invitation = dataOf(await gql(Q.invite, { shiftId: await freshShift(), workerId: w1.workerId }, scene.retailerStaff), 'inviteWorker').inviteWorker;
        return { id: remember(invitation.id as string) };
      }, 'respondToInvitation'),
      write('decidePlacement', Q.decide, LENDER, async () => {
        const placementId = await accepted(pendingLenderWorker, await freshShift());
        return { id: placementId };
      }, 'decidePlacement'),
      write('cancelPlacement', Q.cancelPlacement, ['worker', ...LENDER, ...RETAILER], async () => ({ id: await accepted(w1, await freshShift()) }), 'cancelPlacement'),
      write('checkIn', Q.checkIn, ['worker'], async () => ({ input: { placementId: take(checkInReady, 'placement to check in'), location: SHANGHAI, temperatureCelsius: 36.5 } }), 'checkIn'),
      write('checkOut', Q.checkOut, ['worker'], async () => ({ input: { placementId: take(checkedIn, 'checked-in placement'), location: SHANGHAI } }), 'checkOut'),
      write('approveTimesheet', Q.approve, RETAILER, async () => ({ input: { placementId: take(checkedOut, 'checked-out placement') } }), 'approveTimesheet'),
      write('disputeTimesheet', Q.dispute, ['worker', ...LENDER], async () => ({ id: take(approved, 'approved placement') }), 'disputeTimesheet'),
      write('rateWorker', Q.rate, RETAILER, async () => ({ input: { placementId: take(approved, 'approved placement'), stars: 4, comment: 'Good' } }), 'rateWorker'),
      write('recordSettlementPayment', Q.pay, RETAILER, async () => {
        // A settlement with a line: approving a timesheet puts one in the open settlement of its
        // day (after a payment, the next line of the day opens a new settlement).
        const placementId = take(checkedOut, 'checked-out placement');
        await approve(placementId);
        return { id: await settlementOf(placementId) };
      }, 'recordSettlementPayment'),
      write('declareHealth', Q.declare, WORKERS, async () => ({ input: { temperatureCelsius: 36.5, hasSymptoms: false, householdHasSymptoms: false, contactWithConfirmedCase: false } }), 'declareHealth'),
      write('logIn', Q.logIn, ROLES, async () => ({ email: w2.email, password: PASSWORD }), 'logIn'),
      write('signUp', Q.signUp, ROLES, async () => ({ input: { email: `new-${serial++}-${randomBytes(3).toString('hex')}@people.test`, password: PASSWORD, displayName: 'New' } }), 'signUp'),
      write('registerOrganization', Q.register, ALL_SIGNED_IN, async () => ({
        input: { name: `Org ${serial++}`, kinds: ['RETAILER'], industry: 'OTHER', city: 'Shanghai', timezone: 'Asia/Shanghai', businessLicenceNumber: `MX-${randomBytes(6).toString('hex')}` },
      }), 'registerOrganization'),
      write('claimWorkerProfile', Q.claim, ALL_SIGNED_IN, async () => {
        const enrolled = dataOf(
          await gql(OPS.enroll, { input: { employerId: scene.lenderId, fullName: `Claimable ${serial++}`, phone: '+86 138 0000 0001', skills: ['PICKER'], homeLocation: SHANGHAI } }, scene.lenderStaff),
          'enrollWorker',
        ).enrollWorker;
        return { code: enrolled.claimCode };
      }, 'claimWorkerProfile'),
    ];
  }

  test('every operation × every role is allowed or refused as API-RULES.md says', async () => {
    const table = rows();
    const refusedCodes = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);
    const matrix: { row: Row; cells: Record<Role, string> }[] = [];
    const mismatches: string[] = [];
    const businessRefusals: string[] = [];
    let cells = 0;

    for (const row of table) {
      const result = {} as Record<Role, string>;
      // Refusals first: they must change nothing, so every role meets the target as it was made.
      const order = [...ROLES.filter((r) => !row.allowed.includes(r)), ...ROLES.filter((r) => row.allowed.includes(r))];
      let variables = await row.target();
      for (const role of order) {
        const user = users[role];
        const before = await countEvents();
        const response = await gql(row.document, variables, user);
        const after = await countEvents();
        const error = response.errors?.[0]?.extensions;
        const code = error ? [error.code, error.reason].filter(Boolean).join('/') : 'OK';
        const permitted = row.visible ? row.visible(response) : !error || !refusedCodes.has(error.code);
        const expected = row.allowed.includes(role);
        cells++;
        const problems: string[] = [];
        if (permitted !== expected) problems.push(`${expected ? 'allowed' : 'refused'} by API-RULES, but got ${code}`);
        if (!expected) {
          if (role === 'anonymous' && error?.code !== 'UNAUTHENTICATED') problems.push(`anonymous must be UNAUTHENTICATED, got ${code}`);
          if (after !== before) problems.push(`a refusal wrote ${after - before} event(s)`);
        }
        if (!expected && !row.visible) {
          const data = (response.data ?? null) as Record<string, unknown> | null;
          if (data && data[row.field] !== null && data[row.field] !== undefined) problems.push(`a refusal returned data: ${JSON.stringify(data).slice(0, 200)}`);
          const given = new Set(Object.values(variables).filter((v): v is string => typeof v === 'string'));
          const leaked = [...sceneIds].filter((sceneId) => !given.has(sceneId) && JSON.stringify(response).includes(sceneId));
          if (leaked.length) problems.push(`a refusal leaked ids ${leaked.join(', ')}`);
        } else if (expected && row.kind === 'query' && error) {
          problems.push(`an allowed read failed: ${code} ${response.errors![0].message}`);
        }
        if (problems.length) mismatches.push(`${row.name} as ${role}: ${problems.join('; ')}`);
        result[role] = `${expected ? '✓' : '✗'}${expected && code !== 'OK' ? '*' : ''}${problems.length ? '!' : ''}`;
        if (expected && code !== 'OK') businessRefusals.push(`${row.name} as ${role}: ${code} (${response.errors![0].message})`);
        // A success changed the target: the next role gets a fresh one.
        if (!error) variables = await row.target();
      }
      matrix.push({ row, cells: result });
    }

    const width = Math.max(...table.map((r) => r.name.length)) + 2;
    const header = ['operation'.padEnd(width), ...ROLES.map((r, i) => String.fromCharCode(65 + i).padStart(3))].join('');
    const legend = ROLES.map((r, i) => `${String.fromCharCode(65 + i)} ${r}`).join(', ');
    const lines = matrix.map(({ row, cells: c }) => [`${row.kind === 'query' ? 'Q' : 'M'} ${row.name}`.padEnd(width), ...ROLES.map((r) => c[r].padStart(3))].join(''));
    console.log(
      `Permission matrix: ${table.length} operations × ${ROLES.length} roles = ${cells} cells checked, ${mismatches.length} disagreeing with API-RULES\n` +
        `${legend}\n✓ allowed, ✓* allowed but refused for a business reason, ✗ refused (UNAUTHENTICATED/FORBIDDEN/NOT_FOUND, no event, no data), ! disagrees\n` +
        `¹ operator read: platform admins may read workers and placements (see the note at the top of this file)\n\n` +
        `${header}\n${lines.join('\n')}\n\n✓* cells: ${businessRefusals.join('; ') || 'none'}`,
    );
    expect(mismatches).toEqual([]);
    expect(cells).toBe(table.length * ROLES.length);
  }, 240_000);

  test('the matrix covers every query and mutation of the contract', async () => {
    const { buildSchema } = await import('graphql');
    const { readFileSync } = await import('node:fs');
    const contract = buildSchema(readFileSync(`${__dirname}/../contract/contract.graphql`, 'utf8'));
    const documents = rows().map((r) => r.document).join('\n');
    const operations = [...Object.keys(contract.getQueryType()!.getFields()), ...Object.keys(contract.getMutationType()!.getFields())];
    const missing = operations.filter((name) => !new RegExp(`\\b${name}\\s*[({]`).test(documents));
    expect(missing).toEqual([]);
  });
});
