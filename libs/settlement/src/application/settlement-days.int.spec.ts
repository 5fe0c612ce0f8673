import { DomainError, fold } from '@blue-ocean/kernel';
import { createEventStore, EventStore } from '@blue-ocean/event-store';
import { DecisionRunner, toDomainEvent } from '@blue-ocean/persistence';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';
import {
  AddDayLines,
  decideDayLines,
  settlement,
  SettlementDayKey,
  SettlementDayState,
  SettlementEvent,
  SettlementState,
  settlementStream,
} from '../domain';
import { SettlementDays } from './settlement-days';

/**
 * The day stream under real concurrency on PostgreSQL: many writers adding lines to one
 * retailer–lender day while payments close its settlements. However they interleave, every line
 * lands in exactly one settlement, and the day never has two unpaid settlements.
 */
describe('settlement days on the PostgreSQL event store', () => {
  let db: TestDatabase;
  let store: EventStore;
  let decisions: DecisionRunner;
  let days: SettlementDays;

  beforeAll(async () => {
    db = await createTestDatabase({ max: 40 });
    store = createEventStore({ pool: db.pool });
    decisions = new DecisionRunner(store);
    days = new SettlementDays(decisions);
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  const context = () => ({ actor: null, at: new Date('2026-03-02T12:00:00Z') });

  function addLines(key: SettlementDayKey, command: Omit<AddDayLines, 'key' | 'timeZone'>) {
    return days.replanning(async () => {
      const plan = await days.plan(key);
      await decisions.decideMany(
        days.loads(key, plan.settlementId),
        ([day, current]) => decideDayLines(day as SettlementDayState, current as SettlementState, plan, { key, timeZone: 'Asia/Shanghai', ...command }),
        context(),
      );
    });
  }

  /** Pays the day's current settlement; false when there is none with a line, or another payer was first. */
  async function payCurrent(key: SettlementDayKey): Promise<boolean> {
    const current = (await days.day(key)).current;
    if (!current) return false;
    return decisions
      .decide<SettlementState>(
        { streamId: settlementStream(current), decider: settlement },
        (state) => settlement.decide({ type: 'RecordPayment', paymentReference: 'PAY', at: new Date() }, state),
        context(),
      )
      .then(
        () => true,
        (error) => {
          if (!(error instanceof DomainError)) throw error; // nothing to pay yet, or paid by the other payer
          return false;
        },
      );
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function settlementsOf(key: SettlementDayKey): Promise<{ id: string; state: SettlementState }[]> {
    const day = await days.day(key);
    return Promise.all(
      day.settlementIds.map(async (id) => {
        const events = (await store.readStream(settlementStream(id))).map((e) => toDomainEvent(e) as SettlementEvent);
        return { id, state: fold(settlement, events) };
      }),
    );
  }

  it('60 writers in racing waves and two payers: every line in exactly one settlement, never two unpaid at once', async () => {
    const key = { retailerId: 'r-race', lenderId: 'l-race', businessDate: '2026-03-02', currency: 'CNY' };
    const placements = Array.from({ length: 60 }, (_, i) => `p-${i}`);
    let writing = true;
    // Writers arrive in waves of 10 racing ones; payers keep paying whatever is current meanwhile.
    const writers = Promise.all(
      placements.map((placementId, i) => sleep(Math.floor(i / 10) * 40).then(() => addLines(key, { lines: [{ placementId, kind: 'WAGES', amount: '10.00' }] }))),
    ).finally(() => (writing = false));
    let payments = 0;
    const payers = Array.from({ length: 2 }, async () => {
      while (writing) {
        if (await payCurrent(key)) payments++;
        await sleep(25);
      }
    });
    await Promise.all([writers, ...payers]);

    const settlements = await settlementsOf(key);
    const day = await days.day(key);
    const holders = new Map<string, string[]>();
    for (const { id, state } of settlements) {
      if (state.status === 'none') throw new Error(`settlement ${id} named by the day has no stream`);
      for (const line of state.lines) holders.set(line.placementId, [...(holders.get(line.placementId) ?? []), id]);
    }
    expect([...holders.keys()].sort()).toEqual([...placements].sort());
    expect([...holders.values()].every((ids) => ids.length === 1)).toBe(true);

    const unpaid = settlements.filter(({ state }) => state.status !== 'PAID');
    expect(unpaid.length).toBeLessThanOrEqual(1);
    if (unpaid.length) expect(day.current).toBe(unpaid[0].id);
    // Every settlement but the last was paid before the next one opened; the race really had payments in it.
    expect(settlements.slice(0, -1).every(({ state }) => state.status === 'PAID')).toBe(true);
    expect(payments).toBeGreaterThanOrEqual(2);
    expect(settlements.length).toBeGreaterThanOrEqual(payments);
  });

  it('a cancellation fee delivered many times at once is billed once', async () => {
    const key = { retailerId: 'r-fee', lenderId: 'l-fee', businessDate: '2026-03-02', currency: 'CNY' };
    const fee = { placementId: 'p-cancelled', amount: '60.00' };
    await Promise.all(
      Array.from({ length: 12 }, () => addLines(key, { lines: [{ ...fee, kind: 'CANCELLATION_FEE' }], cancellationFee: fee })),
    );
    await payCurrent(key);
    await addLines(key, { lines: [{ ...fee, kind: 'CANCELLATION_FEE' }], cancellationFee: fee }); // again, after the payment
    const settlements = await settlementsOf(key);
    expect(settlements).toHaveLength(1);
    expect(settlements[0].state).toMatchObject({ status: 'PAID', lines: [{ placementId: 'p-cancelled', kind: 'CANCELLATION_FEE', amount: '60.00' }] });
  });
});
