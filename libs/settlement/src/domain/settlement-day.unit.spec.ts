import fc from 'fast-check';
import { DomainError, fold } from '@blue-ocean/kernel';
import { given } from '../../../../test/support/given';
import { settlement, SettlementState } from './settlement.decider';
import { SettlementEvent, SettlementLine } from './settlement.events';
import {
  AddDayLines,
  DayPlan,
  decideDayLines,
  decideDayRemoval,
  planDay,
  settlementDay,
  SettlementDayEvent,
  settlementDayStream,
  SettlementDayState,
  StalePlan,
} from './settlement-day';

const key = { retailerId: 'hema', lenderId: 'hotel', businessDate: '2026-03-02', currency: 'CNY' };
const wages = (placementId: string, amount: string): SettlementLine => ({ placementId, kind: 'WAGES', amount });
const opened = (settlementId: string, previousSettlementId: string | null = null): SettlementDayEvent => ({
  type: 'DaySettlementOpened',
  data: { ...key, settlementId, previousSettlementId },
});
const settlementOpened = (settlementId: string): SettlementEvent => ({ type: 'SettlementOpened', data: { ...key, settlementId, timeZone: 'Asia/Shanghai' } });
const added = (line: SettlementLine): SettlementEvent => ({ type: 'SettlementLineAdded', data: line });
const paid: SettlementEvent = { type: 'SettlementPaid', data: { paymentReference: 'PAY', at: '2026-03-02T12:00:00.000Z', placementIds: ['p-1'] } };

const dayOf = (...events: SettlementDayEvent[]): SettlementDayState => fold(settlementDay, events);
const settlementOf = (...events: SettlementEvent[]): SettlementState => fold(settlement, events);
const lines = (...all: SettlementLine[]): AddDayLines => ({ key, timeZone: 'Asia/Shanghai', lines: all });

function caught(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('the settlement day', () => {
  it('names one stream per retailer, lender, business date and currency', () => {
    expect(settlementDayStream(key)).toBe('settlement-day-hema-hotel-2026-03-02-CNY');
  });

  it('opens the first settlement of the day', () => {
    given(settlementDay, [])
      .when({ type: 'OpenDaySettlement', key, settlementId: 's-1', currentStatus: 'none' })
      .then([opened('s-1')]);
  });

  it('refuses a second settlement while the current one is unpaid', () => {
    for (const currentStatus of ['OPEN', 'INVOICED'] as const) {
      given(settlementDay, [opened('s-1')]).when({ type: 'OpenDaySettlement', key, settlementId: 's-2', currentStatus }).thenRefuses('INVALID_TRANSITION');
    }
  });

  it('opens the next settlement once the current one is paid', () => {
    given(settlementDay, [opened('s-1')])
      .when({ type: 'OpenDaySettlement', key, settlementId: 's-2', currentStatus: 'PAID' })
      .then([opened('s-2', 's-1')]);
  });

  it('bills a cancellation fee once', () => {
    const billed: SettlementDayEvent = { type: 'CancellationFeeBilled', data: { placementId: 'p-9', settlementId: 's-1', amount: '60.00' } };
    given(settlementDay, [opened('s-1')]).when({ type: 'BillCancellationFee', placementId: 'p-9', settlementId: 's-1', amount: '60.00' }).then([billed]);
    given(settlementDay, [opened('s-1'), billed]).when({ type: 'BillCancellationFee', placementId: 'p-9', settlementId: 's-2', amount: '60.00' }).then([]);
  });
});

describe('planning where lines go', () => {
  it('opens a settlement when the day has none', () => {
    expect(planDay(dayOf(), 'none', 'new')).toEqual({ current: null, currentStatus: 'none', settlementId: 'new', opens: true });
  });

  it('adds to the current settlement until it is paid', () => {
    expect(planDay(dayOf(opened('s-1')), 'OPEN', 'new')).toMatchObject({ settlementId: 's-1', opens: false });
    expect(planDay(dayOf(opened('s-1')), 'INVOICED', 'new')).toMatchObject({ settlementId: 's-1', opens: false });
    expect(planDay(dayOf(opened('s-1')), 'PAID', 'new')).toMatchObject({ current: 's-1', settlementId: 'new', opens: true });
  });

  it('opens the day and the settlement together', () => {
    const plan = planDay(dayOf(), 'none', 's-1');
    const [day, events] = decideDayLines(dayOf(), settlementOf(), plan, lines(wages('p-1', '240')));
    expect(day).toEqual([opened('s-1')]);
    expect(events).toEqual([settlementOpened('s-1'), added(wages('p-1', '240.00'))]);
  });

  it('adds to the open settlement without writing the day', () => {
    const day = dayOf(opened('s-1'));
    const current = settlementOf(settlementOpened('s-1'), added(wages('p-1', '240.00')));
    const [dayEvents, events] = decideDayLines(day, current, planDay(day, 'OPEN', 'unused'), lines(wages('p-2', '100')));
    expect(dayEvents).toEqual([]);
    expect(events).toEqual([added(wages('p-2', '100.00'))]);
  });

  it('is stale when another approval opened the day first (the race two openers can run)', () => {
    const plan = planDay(dayOf(), 'none', 's-mine');
    const error = caught(() => decideDayLines(dayOf(opened('s-theirs')), settlementOf(), plan, lines(wages('p-1', '1'))));
    expect(error).toBeInstanceOf(StalePlan);
  });

  it('is stale when the planned settlement was paid in the meantime', () => {
    const day = dayOf(opened('s-1'));
    const plan = planDay(day, 'OPEN', 'unused');
    const nowPaid = settlementOf(settlementOpened('s-1'), added(wages('p-1', '240.00')), paid);
    expect(caught(() => decideDayLines(day, nowPaid, plan, lines(wages('p-2', '1'))))).toBeInstanceOf(StalePlan);
  });

  it('bills a cancellation fee with its line, and a repeat writes nothing', () => {
    const fee: AddDayLines = { ...lines({ placementId: 'p-9', kind: 'CANCELLATION_FEE', amount: '60' }), cancellationFee: { placementId: 'p-9', amount: '60.00' } };
    const first = decideDayLines(dayOf(), settlementOf(), planDay(dayOf(), 'none', 's-1'), fee);
    expect(first[0].map((e) => e.type)).toEqual(['DaySettlementOpened', 'CancellationFeeBilled']);
    expect(first[1].map((e) => e.type)).toEqual(['SettlementOpened', 'SettlementLineAdded']);

    // Delivered again after s-1 was paid: the day remembers the fee, so nothing is billed in s-2.
    const day = dayOf(...first[0]);
    expect(decideDayLines(day, settlementOf(), planDay(day, 'PAID', 's-2'), fee)).toEqual([[], []]);
  });

  it('property: however approvals interleave, the day never has two unpaid settlements', () => {
    // Each step either approves a line (plan on a snapshot, then decide on the latest state, like
    // two racing writers whose first load may be stale) or pays the current settlement.
    const step = fc.oneof(
      fc.record({ kind: fc.constant('approve' as const), staleBy: fc.nat(2) }),
      fc.record({ kind: fc.constant('pay' as const), staleBy: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const dayHistory: SettlementDayEvent[] = [];
        const streams = new Map<string, SettlementEvent[]>();
        const snapshots: { day: SettlementDayEvent[]; statuses: Map<string, string> }[] = [];
        const statusOf = (id: string) => settlementOf(...(streams.get(id) ?? [])).status;
        let next = 0;
        for (const [i, s] of steps.entries()) {
          snapshots.push({ day: [...dayHistory], statuses: new Map([...streams.keys()].map((id) => [id, statusOf(id)])) });
          if (s.kind === 'pay') {
            const current = dayOf(...dayHistory).current;
            if (current && statusOf(current) !== 'PAID') {
              streams.get(current)!.push(...settlement.decide({ type: 'RecordPayment', paymentReference: 'x', at: new Date() }, settlementOf(...streams.get(current)!)));
            }
            continue;
          }
          const snapshot = snapshots[Math.max(0, snapshots.length - 1 - s.staleBy)];
          const seenDay = dayOf(...snapshot.day);
          const seenStatus = (seenDay.current && snapshot.statuses.get(seenDay.current)) || 'none';
          const plan: DayPlan = planDay(seenDay, seenStatus as 'OPEN', `s-${next++}`);
          try {
            const [dayEvents, settlementEvents] = decideDayLines(
              dayOf(...dayHistory),
              settlementOf(...(streams.get(plan.settlementId) ?? [])),
              plan,
              lines(wages(`p-${i}`, '10')),
            );
            dayHistory.push(...dayEvents);
            streams.set(plan.settlementId, [...(streams.get(plan.settlementId) ?? []), ...settlementEvents]);
          } catch (error) {
            if (!(error instanceof StalePlan) && !(error instanceof DomainError)) throw error;
          }
        }
        const unpaid = [...streams.keys()].filter((id) => (streams.get(id)?.length ?? 0) > 0 && statusOf(id) !== 'PAID');
        expect(unpaid.length).toBeLessThanOrEqual(1);
        if (unpaid.length === 1) expect(dayOf(...dayHistory).current).toBe(unpaid[0]);
      }),
    );
  });
});

describe('taking a disputed placement out', () => {
  it('removes its lines from the current settlement', () => {
    const day = dayOf(opened('s-1'));
    const current = settlementOf(settlementOpened('s-1'), added(wages('p-1', '240.00')), added(wages('p-2', '10.00')));
    expect(decideDayRemoval(day, current, 's-1', 'p-1')).toEqual([
      { type: 'SettlementLinesRemoved', data: { placementId: 'p-1', lines: [wages('p-1', '240.00')] } },
    ]);
  });

  it('is stale when the day moved on since it was read', () => {
    expect(caught(() => decideDayRemoval(dayOf(opened('s-1'), opened('s-2', 's-1')), settlementOf(), 's-1', 'p-1'))).toBeInstanceOf(StalePlan);
  });

  it('is SETTLEMENT_CLOSED on a paid settlement', () => {
    const current = settlementOf(settlementOpened('s-1'), added(wages('p-1', '240.00')), paid);
    const error = caught(() => decideDayRemoval(dayOf(opened('s-1')), current, 's-1', 'p-1'));
    expect((error as DomainError).reason).toBe('SETTLEMENT_CLOSED');
  });
});
