import { ManualClock } from '@blue-ocean/kernel';
import { PlacementChanges, placementDomain } from '@blue-ocean/marketplace';
import { ProjectionRunner } from '@blue-ocean/persistence';
import { SETTLEMENT_PROCESS_MANAGER, SETTLEMENT_PROCESS_RUNNER, settlementDomain } from '@blue-ocean/settlement';
import { refusal, startTestApp, TestApp } from './support/app';
import {
  createMarketplaceScene,
  dataOf,
  DAY,
  eventually,
  HOUR,
  iso,
  MINUTE,
  OPS,
  Scene,
  SceneWorker,
  SHANGHAI,
  signUpUser,
  User,
} from './support/marketplace-fixtures';

// Monday 2026-03-02, 10:00 in Shanghai. The clock only moves forward; each test takes a business
// date of its own (newDay), so the settlements of one test never take the lines of another.
const T0 = new Date('2026-03-02T02:00:00Z');
const SHANGHAI_OFFSET = 8 * HOUR;

type Wage = settlementDomain.WageBreakdown;
type Placement = {
  id: string;
  status: string;
  checkInAt: string | null;
  checkOutAt: string | null;
  workedMinutes: number | null;
  approvedMinutes: number | null;
  wage: Wage | null;
  cancellation: { by: string; late: boolean; fee: string } | null;
};
type Line = { placement: { id: string; status: string }; kind: string; amount: string };
type Settlement = {
  id: string;
  retailer: { id: string };
  lender: { id: string };
  businessDate: string;
  status: string;
  grossPay: string;
  cancellationFees: string;
  platformFees: string;
  total: string;
  currency: string;
  paymentReference: string | null;
  paidAt: string | null;
  lines: Line[];
};
type LedgerEntry = { id: string; at: string; account: string; amount: string; currency: string; settlementId: string | null; placementId: string | null };

const WAGE_FIELDS = 'wage { regularMinutes overtimeMinutes regularPay overtimePay grossPay platformFee retailerTotal currency }';
const PLACEMENT = `id status checkInAt checkOutAt workedMinutes approvedMinutes ${WAGE_FIELDS} cancellation { by late fee }`;
const SETTLEMENT = `id retailer { id } lender { id } businessDate status grossPay cancellationFees platformFees total currency
  paymentReference paidAt lines { placement { id status } kind amount }`;

const Q = {
  placement: `query($id: ID!) { placement(id: $id) { ${PLACEMENT} } }`,
  placementHistory: `query($id: ID!) { placement(id: $id) { history { type actor data } } }`,
  approve: `mutation($input: ApproveTimesheetInput!) { approveTimesheet(input: $input) { ${PLACEMENT} } }`,
  dispute: `mutation($placementId: ID!, $reason: String!) { disputeTimesheet(placementId: $placementId, reason: $reason) { ${PLACEMENT} } }`,
  pay: `mutation($settlementId: ID!, $paymentReference: String!) {
    recordSettlementPayment(settlementId: $settlementId, paymentReference: $paymentReference) { ${SETTLEMENT} }
  }`,
  settlement: `query($id: ID!) { settlement(id: $id) { ${SETTLEMENT} } }`,
  settlementHistory: `query($id: ID!) { settlement(id: $id) { history { stream revision type actor data } } }`,
  settlements: `query($organizationId: ID!, $status: [SettlementStatus!], $first: Int, $after: String) {
    settlements(organizationId: $organizationId, status: $status, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${SETTLEMENT} } }
    }
  }`,
  ledger: `query($organizationId: ID!, $first: Int, $after: String) {
    ledger(organizationId: $organizationId, first: $first, after: $after) { id at account amount currency settlementId placementId }
  }`,
  earnings: `query($workerId: ID!, $from: Date!, $until: Date!) {
    earnings(workerId: $workerId, from: $from, until: $until) { from until placements approvedMinutes grossPay currency }
  }`,
  checkIn: `mutation($input: CheckInInput!) { checkIn(input: $input) { id status } }`,
  checkOut: `mutation($input: CheckOutInput!) { checkOut(input: $input) { id status workedMinutes } }`,
  mutations: `{ __type(name: "Mutation") { fields { name } } }`,
};

/** Sums money strings exactly (in cents), for checking that postings balance. */
function sum(amounts: string[]): string {
  const cents = amounts.reduce((total, amount) => {
    const negative = amount.startsWith('-');
    const [whole, fraction = ''] = amount.replace('-', '').split('.');
    const value = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
    return total + (negative ? -value : value);
  }, 0n);
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** The local date in Shanghai of an instant. */
const shanghaiDate = (at: Date | number) => new Date(new Date(at).getTime() + SHANGHAI_OFFSET).toISOString().slice(0, 10);

/** The operations every test here uses, over HTTP against one app and scene. */
class Harness {
  constructor(private readonly get: () => { app: TestApp; scene: Scene; clock: ManualClock }) {}

  get app(): TestApp {
    return this.get().app;
  }
  get scene(): Scene {
    return this.get().scene;
  }
  get clock(): ManualClock {
    return this.get().clock;
  }

  /**
   * Moves the clock to the next local midnight in Shanghai and returns a shift start at 10:00 the
   * day after: a business date no earlier test has used.
   */
  newDay(): Date {
    const now = this.clock.now().getTime();
    const midnight = Math.floor((now + SHANGHAI_OFFSET) / DAY) * DAY - SHANGHAI_OFFSET + DAY;
    this.clock.set(new Date(midnight));
    return new Date(midnight + DAY + 10 * HOUR);
  }

  post(startsAt: Date, overrides: { hours?: number; slots?: number; hourlyRate?: string; unpaidBreakMinutes?: number } = {}) {
    const endsAt = startsAt.getTime() + (overrides.hours ?? 8) * HOUR;
    return this.scene.postShift({
      startsAt: iso(startsAt),
      endsAt: iso(endsAt),
      slots: overrides.slots ?? 1,
      hourlyRate: overrides.hourlyRate ?? '30.00',
      unpaidBreakMinutes: overrides.unpaidBreakMinutes ?? 0,
    });
  }

  async accept(worker: User, shiftId: string): Promise<string> {
    const placement = dataOf(await this.app.gql(OPS.acceptShift, { shiftId }, worker.token), 'acceptShift').acceptShift;
    expect(placement.status).toBe('CONFIRMED');
    return placement.id as string;
  }

  /**
   * The workers check in together 5 minutes before `startsAt` and each checks out `hours` after
   * it (the clock is moved to each moment). Through the public checkIn/checkOut when the app
   * serves them, else through `checkInDirectly`/`checkOutDirectly` below.
   */
  async workTogether(startsAt: Date, shifts: { worker: User; placementId: string; hours: number }[]): Promise<Placement[]> {
    const direct = !(await servesAttendance(this.app));
    this.clock.set(new Date(startsAt.getTime() - 5 * MINUTE));
    for (const { worker, placementId } of shifts) {
      if (direct) await checkInDirectly(this.app, this.clock, worker, placementId);
      else dataOf(await this.app.gql(Q.checkIn, { input: { placementId, location: SHANGHAI, temperatureCelsius: 36.5 } }, worker.token), 'checkIn');
    }
    for (const { worker, placementId, hours } of [...shifts].sort((a, b) => a.hours - b.hours)) {
      this.clock.set(new Date(startsAt.getTime() + hours * HOUR));
      if (direct) await checkOutDirectly(this.app, this.clock, worker, placementId);
      else dataOf(await this.app.gql(Q.checkOut, { input: { placementId, location: SHANGHAI } }, worker.token), 'checkOut');
    }
    const placements = await Promise.all(shifts.map(({ worker, placementId }) => this.placement(placementId, worker)));
    for (const placement of placements) expect(placement.status).toBe('CHECKED_OUT');
    return placements;
  }

  /** Checks in 5 minutes before the start and out `hours` after it. */
  async worked(worker: User, placementId: string, startsAt: Date, hours: number): Promise<Placement> {
    return (await this.workTogether(startsAt, [{ worker, placementId, hours }]))[0];
  }

  async placement(id: string, by: User = this.scene.retailerAdmin): Promise<Placement> {
    return dataOf(await this.app.gql(Q.placement, { id }, by.token), 'placement').placement;
  }

  approve(by: User, placementId: string, approvedMinutes?: number | null, adjustmentReason?: string | null, idempotencyKey?: string) {
    return this.app.gql<{ approveTimesheet: Placement }>(Q.approve, { input: { placementId, approvedMinutes, adjustmentReason, idempotencyKey } }, by.token);
  }

  async approved(placementId: string, approvedMinutes?: number, adjustmentReason?: string): Promise<Placement> {
    return dataOf(await this.approve(this.scene.retailerAdmin, placementId, approvedMinutes, adjustmentReason), 'approveTimesheet').approveTimesheet;
  }

  dispute(by: User, placementId: string, reason = 'I worked longer than that') {
    return this.app.gql<{ disputeTimesheet: Placement }>(Q.dispute, { placementId, reason }, by.token);
  }

  pay(by: User, settlementId: string, paymentReference = 'ICBC-20260302-0001') {
    return this.app.gql<{ recordSettlementPayment: Settlement }>(Q.pay, { settlementId, paymentReference }, by.token);
  }

  async settlements(organizationId: string, by: User = this.scene.retailerAdmin, status?: string[]): Promise<Settlement[]> {
    const result = dataOf(await this.app.gql(Q.settlements, { organizationId, status, first: 100 }, by.token), 'settlements').settlements;
    return result.edges.map((edge: { node: Settlement }) => edge.node);
  }

  /** The retailer's settlements holding a line of the placement. */
  async settlementsWith(placementId: string): Promise<Settlement[]> {
    return (await this.settlements(this.scene.retailerId)).filter((s) => s.lines.some((line) => line.placement.id === placementId));
  }

  async settlementOn(businessDate: string, status?: string): Promise<Settlement[]> {
    return (await this.settlements(this.scene.retailerId)).filter((s) => s.businessDate === businessDate && (!status || s.status === status));
  }

  async settlement(id: string, by: User = this.scene.retailerAdmin): Promise<Settlement> {
    return dataOf(await this.app.gql(Q.settlement, { id }, by.token), 'settlement').settlement;
  }

  async ledger(organizationId: string, by: User): Promise<LedgerEntry[]> {
    const entries: LedgerEntry[] = [];
    let after: string | undefined;
    for (;;) {
      const page = dataOf(await this.app.gql(Q.ledger, { organizationId, first: 100, after }, by.token), 'ledger').ledger as LedgerEntry[];
      entries.push(...page);
      if (page.length < 100) return entries;
      after = page[page.length - 1].id;
    }
  }
}

/** SETTLEMENT_E2E_DIRECT_ATTENDANCE=1 forces the fallback below even where checkIn/checkOut are served. */
let attendanceServed: boolean | undefined = process.env.SETTLEMENT_E2E_DIRECT_ATTENDANCE === '1' ? false : undefined;
async function servesAttendance(app: TestApp): Promise<boolean> {
  if (attendanceServed === undefined) {
    const { data } = await app.gql(Q.mutations);
    const names = new Set((data?.__type?.fields ?? []).map((f: { name: string }) => f.name));
    attendanceServed = names.has('checkIn') && names.has('checkOut');
  }
  return attendanceServed;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// FALLBACK, for a build where libs/attendance does not serve checkIn/checkOut yet: the placement's
// WorkerCheckedIn / WorkerCheckedOut are decided by the placement decider and appended through the
// app's own PlacementChanges (the same atomic append the attendance handlers use, which also frees
// the worker's schedule at check-out). `workTogether()` uses the public mutations whenever they exist.
// ─────────────────────────────────────────────────────────────────────────────────────────────────
async function checkInDirectly(app: TestApp, clock: ManualClock, worker: User, placementId: string): Promise<void> {
  const at = clock.now();
  await app.app
    .get(PlacementChanges, { strict: false })
    .change(placementId, (state) => placementDomain.placement.decide({ type: 'CheckIn', at, location: SHANGHAI, temperatureCelsius: 36.5 }, state), {
      actor: worker.userId,
      at,
    });
}

async function checkOutDirectly(app: TestApp, clock: ManualClock, worker: User, placementId: string): Promise<void> {
  const at = clock.now();
  await app.app.get(PlacementChanges, { strict: false }).change(
    placementId,
    (state) => {
      const from = Math.max(Date.parse(state.checkInAt!), Date.parse(state.startsAt));
      const workedMinutes = Math.max(0, Math.floor((at.getTime() - from) / MINUTE) - state.unpaidBreakMinutes);
      return placementDomain.placement.decide({ type: 'CheckOut', at, location: SHANGHAI, workedMinutes }, state);
    },
    { actor: worker.userId, at },
  );
}

describe('wages and settlement over HTTP', () => {
  const clock = new ManualClock(T0);
  let app: TestApp;
  let scene: Scene;
  let w1: SceneWorker, w2: SceneWorker, w3: SceneWorker;
  let stranger: User;
  const h = new Harness(() => ({ app, scene, clock }));

  beforeAll(async () => {
    app = await startTestApp({}, { clock });
    scene = await createMarketplaceScene(app, { clock, workers: 3, workerOptions: { offer: { availableUntil: iso(T0.getTime() + 50 * DAY) } } });
    [w1, w2, w3] = scene.workers;
    stranger = await signUpUser(app, 'stranger@settlement.test');
  }, 120_000);
  afterAll(() => app?.close());

  test('the whole path: lend, post, accept, work, approve with an adjustment, settle, ledger, pay, earnings', async () => {
    const startsAt = h.newDay();
    const businessDate = shanghaiDate(startsAt);
    const shift = await h.post(startsAt);
    const placementId = await h.accept(w1, shift.id);

    const checkedOut = await h.worked(w1, placementId, startsAt, 9); // 540 minutes: 60 of overtime
    expect(checkedOut).toMatchObject({ workedMinutes: 540, approvedMinutes: null, wage: null });

    // An adjustment needs a reason; refused, nothing changes.
    expect(refusal(await h.approve(scene.retailerAdmin, placementId, 510))).toEqual({ code: 'BAD_USER_INPUT', field: 'adjustmentReason', reason: undefined });
    expect(refusal(await h.approve(scene.retailerAdmin, placementId, -1, 'typo'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approvedMinutes' });
    // Only the retailer's members approve.
    expect(refusal(await h.approve(scene.lenderStaff, placementId))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(await h.approve(scene.lenderAdmin, placementId))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(await h.approve(w1, placementId))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(await h.approve(stranger, placementId))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await h.placement(placementId)).status).toBe('CHECKED_OUT');
    expect(await h.settlementsWith(placementId)).toEqual([]);

    const approved = dataOf(await h.approve(scene.retailerStaff, placementId, 510, 'Took a 30-minute break off the clock'), 'approve').approveTimesheet;
    expect(approved).toMatchObject({ status: 'APPROVED', workedMinutes: 540, approvedMinutes: 510 });
    expect(approved.wage).toEqual({
      regularMinutes: 480,
      overtimeMinutes: 30,
      regularPay: '240.00',
      overtimePay: '22.50',
      grossPay: '262.50',
      platformFee: '0.00',
      retailerTotal: '262.50',
      currency: 'CNY',
    });
    // The worker and the lender see the same wage.
    expect((await h.placement(placementId, w1)).wage?.grossPay).toBe('262.50');

    // One open settlement for the retailer, the lender and the business date, with the wages line (no fee at rate 0).
    const [settlement] = await h.settlementsWith(placementId);
    expect(settlement).toMatchObject({
      retailer: { id: scene.retailerId },
      lender: { id: scene.lenderId },
      businessDate,
      status: 'OPEN',
      grossPay: '262.50',
      cancellationFees: '0.00',
      platformFees: '0.00',
      total: '262.50',
      currency: 'CNY',
      paymentReference: null,
      paidAt: null,
      lines: [{ placement: { id: placementId, status: 'APPROVED' }, kind: 'WAGES', amount: '262.50' }],
    });
    // Visible to both organizations' members only.
    expect((await h.settlement(settlement.id, scene.lenderStaff)).id).toBe(settlement.id);
    expect((await h.settlements(scene.lenderId, scene.lenderAdmin)).map((s) => s.id)).toContain(settlement.id);
    expect(refusal(await app.gql(Q.settlement, { id: settlement.id }, stranger.token))).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal(await app.gql(Q.settlement, { id: settlement.id }, w1.token))).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal(await app.gql(Q.settlements, { organizationId: scene.retailerId }, stranger.token))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(await app.gql(Q.settlements, { organizationId: scene.retailerId }, scene.lenderStaff.token))).toMatchObject({ code: 'FORBIDDEN' });

    // The ledger: the retailer's payable owes, the lender's receivable is owed; together zero.
    const retailerEntries = (await h.ledger(scene.retailerId, scene.retailerStaff)).filter((e) => e.settlementId === settlement.id);
    const lenderEntries = (await h.ledger(scene.lenderId, scene.lenderStaff)).filter((e) => e.settlementId === settlement.id);
    expect(retailerEntries).toEqual([
      expect.objectContaining({ account: `retailer:${scene.retailerId}:payable`, amount: '-262.50', currency: 'CNY', placementId }),
    ]);
    expect(lenderEntries).toEqual([
      expect.objectContaining({ account: `lender:${scene.lenderId}:receivable`, amount: '262.50', currency: 'CNY', placementId }),
    ]);
    expect(sum([...retailerEntries, ...lenderEntries].map((e) => e.amount))).toBe('0.00');
    expect(refusal(await app.gql(Q.ledger, { organizationId: scene.retailerId }, scene.lenderStaff.token))).toMatchObject({ code: 'FORBIDDEN' });

    // Payment: the retailer's members, at once ("zero settlement period").
    expect(refusal(await h.pay(scene.lenderAdmin, settlement.id))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(await h.pay(stranger, settlement.id))).toMatchObject({ code: 'NOT_FOUND' });
    const paid = dataOf(await h.pay(scene.retailerStaff, settlement.id, 'ICBC-0001'), 'pay').recordSettlementPayment;
    expect(paid).toMatchObject({ id: settlement.id, status: 'PAID', paymentReference: 'ICBC-0001', paidAt: iso(clock.now()), total: '262.50' });
    expect(paid.lines).toEqual([{ placement: { id: placementId, status: 'SETTLED' }, kind: 'WAGES', amount: '262.50' }]);
    expect((await h.placement(placementId, w1)).status).toBe('SETTLED');
    expect(refusal(await h.pay(scene.retailerAdmin, settlement.id))).toEqual({ code: 'CONFLICT', reason: 'SETTLEMENT_CLOSED', field: undefined });

    // Earnings: the worker and the employer's members.
    const expected = { from: businessDate, until: businessDate, placements: 1, approvedMinutes: 510, grossPay: '262.50', currency: 'CNY' };
    expect(dataOf(await app.gql(Q.earnings, { workerId: w1.workerId, from: businessDate, until: businessDate }, w1.token), 'earnings').earnings).toEqual(expected);
    expect(dataOf(await app.gql(Q.earnings, { workerId: w1.workerId, from: businessDate, until: businessDate }, scene.lenderStaff.token), 'earnings').earnings).toEqual(expected);
    const before = shanghaiDate(startsAt.getTime() - DAY);
    expect(dataOf(await app.gql(Q.earnings, { workerId: w1.workerId, from: before, until: before }, w1.token), 'earnings').earnings).toMatchObject({ placements: 0, approvedMinutes: 0, grossPay: '0.00' });
    expect(refusal(await app.gql(Q.earnings, { workerId: w1.workerId, from: businessDate, until: before }, w1.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'until' });
    expect(refusal(await app.gql(Q.earnings, { workerId: w1.workerId, from: businessDate, until: businessDate }, stranger.token))?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect(refusal(await app.gql(Q.earnings, { workerId: w1.workerId, from: businessDate, until: businessDate }, scene.retailerAdmin.token))?.code).toMatch(/NOT_FOUND|FORBIDDEN/);

    // History: the settlement's stream, and the placement's approval and settlement.
    const history = dataOf(await app.gql(Q.settlementHistory, { id: settlement.id }, scene.lenderStaff.token), 'history').settlement.history;
    expect(history.map((e: { type: string }) => e.type)).toEqual(['SettlementOpened', 'SettlementLineAdded', 'SettlementPaid']);
    expect(history.every((e: { stream: string }) => e.stream === `settlement-${settlement.id}`)).toBe(true);
    const placementHistory = dataOf(await app.gql(Q.placementHistory, { id: placementId }, w1.token), 'history').placement.history;
    const approval = placementHistory.find((e: { type: string }) => e.type === 'TimesheetApproved');
    expect(approval.actor).toBe(scene.retailerStaff.userId);
    expect(JSON.parse(approval.data)).toMatchObject({ approvedMinutes: 510, adjustmentReason: 'Took a 30-minute break off the clock', businessDate });
    expect(placementHistory.map((e: { type: string }) => e.type)).toContain('PlacementSettled');

    // Once paid, a dispute is refused.
    expect(refusal(await h.dispute(w1, placementId))).toEqual({ code: 'CONFLICT', reason: 'SETTLEMENT_CLOSED', field: undefined });
    expect(refusal(await h.dispute(scene.lenderStaff, placementId))).toMatchObject({ code: 'CONFLICT', reason: 'SETTLEMENT_CLOSED' });
  });

  test('the business date is the local date of the start at the site', async () => {
    const day = h.newDay();
    // 01:30 in Shanghai is still the previous day in UTC.
    const startsAt = new Date(day.getTime() + 15.5 * HOUR); // 01:30 local the next morning
    const shift = await h.post(startsAt, { hours: 4 });
    const placementId = await h.accept(w1, shift.id);
    await h.worked(w1, placementId, startsAt, 4);
    const approved = await h.approved(placementId);
    expect(approved.wage?.grossPay).toBe('120.00');
    const [settlement] = await h.settlementsWith(placementId);
    expect(settlement.businessDate).toBe(shanghaiDate(startsAt));
    expect(settlement.businessDate).not.toBe(iso(startsAt).slice(0, 10));
  });

  test('a dispute before payment takes the lines out; approving again puts them back', async () => {
    const startsAt = h.newDay();
    const shift = await h.post(startsAt);
    const placementId = await h.accept(w2, shift.id);
    await h.worked(w2, placementId, startsAt, 8);
    await h.approved(placementId);
    const [settlement] = await h.settlementsWith(placementId);
    expect(settlement.lines).toEqual([{ placement: { id: placementId, status: 'APPROVED' }, kind: 'WAGES', amount: '240.00' }]);

    // The retailer may not dispute; the worker may.
    expect(refusal(await h.dispute(scene.retailerAdmin, placementId))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(await h.dispute(stranger, placementId))).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal(await h.dispute(w2, placementId, '   '))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const disputed = dataOf(await h.dispute(w2, placementId), 'dispute').disputeTimesheet;
    expect(disputed.status).toBe('DISPUTED');
    const emptied = await h.settlement(settlement.id);
    expect(emptied).toMatchObject({ status: 'OPEN', lines: [], grossPay: '0.00', total: '0.00' });

    // The ledger reverses the posting: the placement's entries net to zero on each account.
    const retailerEntries = (await h.ledger(scene.retailerId, scene.retailerAdmin)).filter((e) => e.placementId === placementId);
    const lenderEntries = (await h.ledger(scene.lenderId, scene.lenderAdmin)).filter((e) => e.placementId === placementId);
    expect(retailerEntries.map((e) => e.amount)).toEqual(['-240.00', '240.00']);
    expect(lenderEntries.map((e) => e.amount)).toEqual(['240.00', '-240.00']);

    // Only an APPROVED timesheet can be disputed.
    expect(refusal(await h.dispute(w2, placementId))).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION' });

    // Approving the disputed timesheet again (with an adjustment) puts its line back in the same open settlement.
    const reapproved = await h.approved(placementId, 450, 'Agreed with the worker: 7.5 hours');
    expect(reapproved).toMatchObject({ status: 'APPROVED', approvedMinutes: 450, wage: { grossPay: '225.00' } });
    expect(await h.settlement(settlement.id)).toMatchObject({
      status: 'OPEN',
      total: '225.00',
      lines: [{ placement: { id: placementId, status: 'APPROVED' }, kind: 'WAGES', amount: '225.00' }],
    });
    // The lender's members may dispute too.
    expect(dataOf(await h.dispute(scene.lenderStaff, placementId, 'Overtime missing'), 'dispute').disputeTimesheet.status).toBe('DISPUTED');
    expect((await h.settlement(settlement.id)).lines).toEqual([]);
    expect(await h.settlementsWith(placementId)).toEqual([]);
    // Earnings still count a disputed placement.
    const date = shanghaiDate(startsAt);
    expect(dataOf(await app.gql(Q.earnings, { workerId: w2.workerId, from: date, until: date }, w2.token), 'earnings').earnings).toMatchObject({
      placements: 1,
      approvedMinutes: 450,
      grossPay: '225.00',
    });
  });

  test('a line for a day whose settlement is paid opens a new settlement', async () => {
    const startsAt = h.newDay();
    const businessDate = shanghaiDate(startsAt);
    const shift = await h.post(startsAt, { slots: 2 });
    const first = await h.accept(w1, shift.id);
    const second = await h.accept(w2, shift.id);
    await h.workTogether(startsAt, [
      { worker: w1, placementId: first, hours: 8 },
      { worker: w2, placementId: second, hours: 4 },
    ]);

    await h.approved(first);
    const [s1] = await h.settlementOn(businessDate);
    dataOf(await h.pay(scene.retailerAdmin, s1.id), 'pay');

    await h.approved(second);
    const onDay = await h.settlementOn(businessDate);
    expect(onDay).toHaveLength(2);
    const s2 = onDay.find((s) => s.id !== s1.id)!;
    expect(await h.settlement(s1.id)).toMatchObject({ status: 'PAID', total: '240.00', lines: [{ placement: { id: first, status: 'SETTLED' } }] });
    expect(s2).toMatchObject({ status: 'OPEN', businessDate, total: '120.00', lines: [{ placement: { id: second, status: 'APPROVED' }, kind: 'WAGES', amount: '120.00' }] });
    expect((await h.placement(second)).status).toBe('APPROVED');
  });

  test('approvals racing for the same day open exactly one settlement', async () => {
    const startsAt = h.newDay();
    const businessDate = shanghaiDate(startsAt);
    const shift = await h.post(startsAt, { slots: 3 });
    const ids = [await h.accept(w1, shift.id), await h.accept(w2, shift.id), await h.accept(w3, shift.id)];
    await h.workTogether(
      startsAt,
      [w1, w2, w3].map((worker, i) => ({ worker, placementId: ids[i], hours: 8 })),
    );

    const results = await Promise.all([
      h.approve(scene.retailerAdmin, ids[0]),
      h.approve(scene.retailerStaff, ids[1]),
      h.approve(scene.retailerAdmin, ids[2]),
    ]);
    expect(results.map((r) => refusal(r))).toEqual([null, null, null]);
    const onDay = await h.settlementOn(businessDate);
    expect(onDay).toHaveLength(1);
    expect(onDay[0].lines.map((line) => line.placement.id).sort()).toEqual([...ids].sort());
    expect(onDay[0].total).toBe('720.00');
  });

  test('a payment racing an approval: the new line is either paid with the settlement or opens the next one', async () => {
    const startsAt = h.newDay();
    const businessDate = shanghaiDate(startsAt);
    const shift = await h.post(startsAt, { slots: 2 });
    const first = await h.accept(w1, shift.id);
    const second = await h.accept(w2, shift.id);
    await h.workTogether(startsAt, [
      { worker: w1, placementId: first, hours: 8 },
      { worker: w2, placementId: second, hours: 8 },
    ]);
    await h.approved(first);
    const [s1] = await h.settlementOn(businessDate);

    const [paid, approved] = await Promise.all([h.pay(scene.retailerAdmin, s1.id), h.approve(scene.retailerStaff, second)]);
    expect(refusal(paid)).toBeNull();
    expect(refusal(approved)).toBeNull();

    const holding = await h.settlementsWith(second);
    expect(holding).toHaveLength(1);
    const secondStatus = (await h.placement(second)).status;
    if (holding[0].id === s1.id) {
      // The approval landed first: the payment covered it.
      expect(holding[0]).toMatchObject({ status: 'PAID', total: '480.00' });
      expect(secondStatus).toBe('SETTLED');
    } else {
      expect(holding[0]).toMatchObject({ status: 'OPEN', businessDate, total: '240.00' });
      expect(await h.settlement(s1.id)).toMatchObject({ status: 'PAID', total: '240.00' });
      expect(secondStatus).toBe('APPROVED');
    }
    expect((await h.placement(first)).status).toBe('SETTLED');
    expect(await h.settlementOn(businessDate, 'OPEN')).toHaveLength(holding[0].id === s1.id ? 0 : 1);
  });

  test('a late cancellation by the retailer bills a CANCELLATION_FEE line; the placement stays CANCELLED once paid', async () => {
    const startsAt = h.newDay();
    const businessDate = shanghaiDate(startsAt);
    const shift = await h.post(startsAt);
    const placementId = await h.accept(w3, shift.id);
    clock.set(new Date(startsAt.getTime() - 10 * HOUR)); // less than 24 hours before the start: late
    const cancelled = dataOf(await app.gql(OPS.cancelPlacement, { placementId, reason: 'Store closed for inspection' }, scene.retailerAdmin.token), 'cancel')
      .cancelPlacement;
    expect(cancelled.cancellation).toMatchObject({ by: 'RETAILER', late: true, fee: '60.00' });

    // The process manager bills it (asynchronously, from the store).
    const settlement = await eventually(async () => (await h.settlementOn(businessDate)).find((s) => s.lines.length > 0), 'the fee line');
    expect(settlement).toMatchObject({
      status: 'OPEN',
      grossPay: '0.00',
      cancellationFees: '60.00',
      platformFees: '0.00',
      total: '60.00',
      lines: [{ placement: { id: placementId, status: 'CANCELLED' }, kind: 'CANCELLATION_FEE', amount: '60.00' }],
    });
    const entries = [
      ...(await h.ledger(scene.retailerId, scene.retailerAdmin)),
      ...(await h.ledger(scene.lenderId, scene.lenderAdmin)),
    ].filter((e) => e.placementId === placementId);
    expect(entries.map((e) => [e.account, e.amount]).sort()).toEqual([
      [`lender:${scene.lenderId}:receivable`, '60.00'],
      [`retailer:${scene.retailerId}:payable`, '-60.00'],
    ]);

    const paid = dataOf(await h.pay(scene.retailerAdmin, settlement.id), 'pay').recordSettlementPayment;
    expect(paid.status).toBe('PAID');
    expect((await h.placement(placementId)).status).toBe('CANCELLED');
    // At least once: replaying the process manager from the start of the log delivers the
    // cancellation again, after its settlement was paid; the day remembers the fee, so nothing is billed twice.
    const processManager = app.app.get<ProjectionRunner>(SETTLEMENT_PROCESS_RUNNER, { strict: false });
    await processManager.stop();
    await app.db.pool.query('DELETE FROM projection_checkpoints WHERE name = $1', [SETTLEMENT_PROCESS_MANAGER]);
    processManager.start();
    await eventually(async () => {
      const { rows } = await app.db.pool.query('SELECT name, position FROM projection_checkpoints');
      const at = (name: string) => rows.find((row: { name: string }) => row.name === name)?.position as string | undefined;
      const replayed = at(SETTLEMENT_PROCESS_MANAGER);
      return replayed !== undefined && replayed >= at('read-models')!;
    }, 'the process manager to replay the whole log');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await h.settlementOn(businessDate)).toHaveLength(1);
    expect((await h.settlement(settlement.id)).lines).toHaveLength(1);
  });

  test('idempotent approval with a key', async () => {
    const startsAt = h.newDay();
    const shift = await h.post(startsAt);
    const placementId = await h.accept(w1, shift.id);
    await h.worked(w1, placementId, startsAt, 8);

    const key = `approve-${placementId}`;
    const [a, b] = await Promise.all([
      h.approve(scene.retailerAdmin, placementId, 470, 'Late back from lunch', key),
      h.approve(scene.retailerAdmin, placementId, 470, 'Late back from lunch', key),
    ]);
    expect(refusal(a)).toBeNull();
    expect(refusal(b)).toBeNull();
    expect(a.data!.approveTimesheet).toEqual(b.data!.approveTimesheet);
    const again = await h.approve(scene.retailerAdmin, placementId, 470, 'Late back from lunch', key);
    expect(again.data!.approveTimesheet).toMatchObject({ id: placementId, status: 'APPROVED', approvedMinutes: 470 });
    expect(refusal(await h.approve(scene.retailerAdmin, placementId, 480, null, key))).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });

    const history = dataOf(await app.gql(Q.placementHistory, { id: placementId }, w1.token), 'history').placement.history;
    expect(history.filter((e: { type: string }) => e.type === 'TimesheetApproved')).toHaveLength(1);
    const [settlement] = await h.settlementsWith(placementId);
    expect(settlement.lines).toEqual([{ placement: { id: placementId, status: 'APPROVED' }, kind: 'WAGES', amount: '235.00' }]);

    // Without a key, approving again is refused: the timesheet is already approved.
    expect(refusal(await h.approve(scene.retailerAdmin, placementId))).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION' });
  });

  test('a settlement becomes INVOICED once its business date has ended and its day is done', async () => {
    const startsAt = h.newDay();
    const businessDate = shanghaiDate(startsAt);
    const shift = await h.post(startsAt);
    const placementId = await h.accept(w2, shift.id);
    await h.worked(w2, placementId, startsAt, 8);
    await h.approved(placementId);
    const [settlement] = await h.settlementOn(businessDate);
    expect(settlement.status).toBe('OPEN');

    // Local midnight at the site ends the business date.
    const endOfDay = Math.floor((startsAt.getTime() + SHANGHAI_OFFSET) / DAY) * DAY - SHANGHAI_OFFSET + DAY;
    clock.set(new Date(endOfDay - MINUTE));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await h.settlement(settlement.id)).status).toBe('OPEN');
    clock.set(new Date(endOfDay + MINUTE));
    await eventually(async () => (await h.settlement(settlement.id)).status === 'INVOICED', 'INVOICED');
    const history = dataOf(await app.gql(Q.settlementHistory, { id: settlement.id }, scene.retailerAdmin.token), 'history').settlement.history;
    expect(history.at(-1)).toMatchObject({ type: 'SettlementInvoiced', actor: null });

    // An invoiced settlement is paid like any other.
    const paid = dataOf(await h.pay(scene.retailerAdmin, settlement.id), 'pay').recordSettlementPayment;
    expect(paid.status).toBe('PAID');
    expect((await h.placement(placementId)).status).toBe('SETTLED');
  });

  test('a timesheet not approved within 24 hours of check-out is approved by the system as measured', async () => {
    const startsAt = h.newDay();
    const shift = await h.post(startsAt, { unpaidBreakMinutes: 30 });
    const placementId = await h.accept(w3, shift.id);
    const checkedOut = await h.worked(w3, placementId, startsAt, 8);
    expect(checkedOut.workedMinutes).toBe(450);
    const checkOutAt = Date.parse(checkedOut.checkOutAt!);

    clock.set(new Date(checkOutAt + 24 * HOUR - MINUTE));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await h.placement(placementId)).status).toBe('CHECKED_OUT');

    clock.set(new Date(checkOutAt + 24 * HOUR + MINUTE));
    const approved = await eventually(async () => {
      const placement = await h.placement(placementId);
      return placement.status === 'APPROVED' && placement;
    }, 'auto-approval');
    expect(approved).toMatchObject({ approvedMinutes: 450, wage: { regularMinutes: 450, overtimeMinutes: 0, grossPay: '225.00' } });
    const history = dataOf(await app.gql(Q.placementHistory, { id: placementId }, w3.token), 'history').placement.history;
    const approval = history.find((e: { type: string }) => e.type === 'TimesheetApproved');
    expect(approval.actor).toBeNull();
    expect(JSON.parse(approval.data)).toMatchObject({ approvedBy: null, approvedMinutes: 450 });
    const [settlement] = await h.settlementsWith(placementId);
    expect(settlement.lines).toEqual([{ placement: { id: placementId, status: 'APPROVED' }, kind: 'WAGES', amount: '225.00' }]);
  });
});

describe('with PLATFORM_FEE_RATE=0.05', () => {
  const clock = new ManualClock(T0);
  let app: TestApp;
  let scene: Scene;
  const h = new Harness(() => ({ app, scene, clock }));

  beforeAll(async () => {
    app = await startTestApp({ PLATFORM_FEE_RATE: '0.05' }, { clock });
    scene = await createMarketplaceScene(app, { clock, workers: 1 });
  }, 120_000);
  afterAll(() => app?.close());

  test('a PLATFORM_FEE line is charged to the retailer on top of the wages, never to the worker', async () => {
    const [worker] = scene.workers;
    const startsAt = h.newDay();
    const shift = await h.post(startsAt, { hourlyRate: '33.33' });
    const placementId = await h.accept(worker, shift.id);
    await h.worked(worker, placementId, startsAt, 8);
    const approved = await h.approved(placementId, 475, 'Clocked out late by mistake');
    // 33.33 × 475 / 60 = 263.8625 → 263.86; fee 5 % = 13.193 → 13.19.
    expect(approved.wage).toEqual({
      regularMinutes: 475,
      overtimeMinutes: 0,
      regularPay: '263.86',
      overtimePay: '0.00',
      grossPay: '263.86',
      platformFee: '13.19',
      retailerTotal: '277.05',
      currency: 'CNY',
    });
    const [settlement] = await h.settlementsWith(placementId);
    expect(settlement).toMatchObject({ grossPay: '263.86', platformFees: '13.19', cancellationFees: '0.00', total: '277.05' });
    expect(settlement.lines).toEqual([
      { placement: { id: placementId, status: 'APPROVED' }, kind: 'WAGES', amount: '263.86' },
      { placement: { id: placementId, status: 'APPROVED' }, kind: 'PLATFORM_FEE', amount: '13.19' },
    ]);

    // The retailer owes both lines; the lender is owed the wages only; the platform the fee.
    const retailer = (await h.ledger(scene.retailerId, scene.retailerAdmin)).filter((e) => e.settlementId === settlement.id);
    const lender = (await h.ledger(scene.lenderId, scene.lenderAdmin)).filter((e) => e.settlementId === settlement.id);
    expect(retailer.map((e) => e.amount)).toEqual(['-263.86', '-13.19']);
    expect(lender.map((e) => e.amount)).toEqual(['263.86']);
    const { rows } = await app.db.pool.query(
      `SELECT account, amount::text FROM ledger_entries WHERE settlement_id = $1 ORDER BY seq`,
      [settlement.id],
    );
    expect(rows.find((row: { account: string }) => row.account === 'platform:fees')).toEqual({ account: 'platform:fees', amount: '13.19' });
    expect(sum(rows.map((row: { amount: string }) => row.amount))).toBe('0.00');

    // Earnings are the worker's gross pay: the fee is not taken from it.
    const date = shanghaiDate(startsAt);
    expect(dataOf(await app.gql(Q.earnings, { workerId: worker.workerId, from: date, until: date }, worker.token), 'earnings').earnings.grossPay).toBe('263.86');
  });

  test('rebuilding the read models gives the same settlements and ledger, entry ids included', async () => {
    const snapshot = async () => ({
      settlements: await h.settlements(scene.retailerId),
      retailer: await h.ledger(scene.retailerId, scene.retailerAdmin),
      lender: await h.ledger(scene.lenderId, scene.lenderAdmin),
    });
    const before = await snapshot();
    expect(before.retailer.length).toBeGreaterThan(0);
    const runner = app.app.get(ProjectionRunner, { strict: false });
    await runner.stop();
    await runner.rebuild();
    runner.start();
    expect(await snapshot()).toEqual(before);
  });
});

