import { DomainError } from '@blue-ocean/kernel';
import { createEventStore, EventStore } from '@blue-ocean/event-store';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { DecisionRunner, StreamLoad } from './decision-runner';

/** A tiny decider: slots on a stream, taken one at a time and freed; each event says how many are taken after it. */
interface Slots {
  taken: number;
}
type SlotEvent = { type: 'SlotTaken' | 'SlotFreed'; data: { takenAfter: number } };
const CAPACITY = 2;
const slots: StreamLoad<Slots>['decider'] = {
  initialState: () => ({ taken: 0 }),
  evolve: (_state, event) => ({ taken: (event as SlotEvent).data.takenAfter }),
};
const take = (state: Slots): SlotEvent[] => {
  if (state.taken >= CAPACITY) throw new DomainError('SHIFT_FULL', 'Full');
  return [{ type: 'SlotTaken', data: { takenAfter: state.taken + 1 } }];
};
const free = (state: Slots): SlotEvent[] => [{ type: 'SlotFreed', data: { takenAfter: state.taken - 1 } }];
const context = { actor: null, at: new Date('2026-03-02T12:00:00Z') };

/**
 * The DecisionRunner trusts its cached states on the first attempt and lets the append's expected
 * revision prove them. Two runners on one store stand for two processes: each one's writes make
 * the other's cache stale, and every decision must still be taken on the current state.
 */
describe('DecisionRunner on the PostgreSQL event store', () => {
  let db: TestDatabase;
  let store: EventStore;
  let reads: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    const real = createEventStore({ pool: db.pool });
    // The real store, counting stream reads.
    store = new Proxy(real, {
      get(target, key, receiver) {
        if (key === 'readStream') reads++;
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });
  beforeEach(() => (reads = 0));

  let streams = 0;
  const newStream = () => `slots-${++streams}-${Date.now()}`;
  const takenAfter = async (streamId: string) =>
    (await store.readStream(streamId)).map((e) => `${e.type === 'SlotTaken' ? '+' : '-'}${(e.data as SlotEvent['data']).takenAfter}`);

  it('reads a busy stream once, then decides on the state it cached', async () => {
    const runner = new DecisionRunner(store);
    const streamId = newStream();
    for (let i = 0; i < 10; i++) {
      await runner.decide({ streamId, decider: slots }, (s) => (s.taken === 0 ? take(s) : free(s)), context);
    }
    expect(reads).toBe(1);
    expect(await takenAfter(streamId)).toEqual(['+1', '-0', '+1', '-0', '+1', '-0', '+1', '-0', '+1', '-0']);
  });

  it('retries on the read state when another process wrote since the cache was filled', async () => {
    const [a, b] = [new DecisionRunner(store), new DecisionRunner(store)];
    const streamId = newStream();
    await a.decide({ streamId, decider: slots }, take, context);
    await b.decide({ streamId, decider: slots }, free, context);
    await a.decide({ streamId, decider: slots }, take, context); // a's cache says one taken: the append clashes
    expect(await takenAfter(streamId)).toEqual(['+1', '-0', '+1']);
  });

  it('checks a refusal decided on a cached state against the database before answering', async () => {
    const [a, b] = [new DecisionRunner(store), new DecisionRunner(store)];
    const streamId = newStream();
    await a.decide({ streamId, decider: slots }, take, context);
    await a.decide({ streamId, decider: slots }, take, context); // a's cache: full
    await b.decide({ streamId, decider: slots }, free, context);
    await expect(a.decide({ streamId, decider: slots }, take, context)).resolves.toMatchObject({ events: [{ type: 'SlotTaken' }] });
    expect(await takenAfter(streamId)).toEqual(['+1', '+2', '-1', '+2']);
    await expect(a.decide({ streamId, decider: slots }, take, context)).rejects.toThrow('Full');
  });

  it('reads a stream the decision depends on but leaves unwritten before appending', async () => {
    const [a, b] = [new DecisionRunner(store), new DecisionRunner(store)];
    const [gate, target] = [newStream(), newStream()];
    await a.decide({ streamId: gate, decider: slots }, take, context); // a caches the gate: one taken
    await b.decide({ streamId: gate, decider: slots }, take, context); // now it is full
    const takeIfGateOpen = ([g, t]: unknown[]) => {
      if ((g as Slots).taken >= CAPACITY) throw new DomainError('SHIFT_NOT_OPEN', 'Gate closed');
      return [[], take(t as Slots)];
    };
    await expect(a.decideMany([{ streamId: gate, decider: slots }, { streamId: target, decider: slots }], takeIfGateOpen, context)).rejects.toThrow('Gate closed');
    expect(await takenAfter(target)).toEqual([]);
  });

  it('does not read a new stream, and still refuses to overwrite one that exists', async () => {
    const [a, b] = [new DecisionRunner(store), new DecisionRunner(store)];
    const fresh = newStream();
    await a.decide({ streamId: fresh, decider: slots, isNew: true }, take, context);
    expect(reads).toBe(0);

    const existing = newStream();
    await b.decide({ streamId: existing, decider: slots }, take, context);
    await a.decide({ streamId: existing, decider: slots, isNew: true }, take, context);
    expect(await takenAfter(existing)).toEqual(['+1', '+2']);
  });

  it('never over-fills a stream that two processes take from at once', async () => {
    const runners = [new DecisionRunner(store), new DecisionRunner(store)];
    const streamId = newStream();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => runners[i % 2].decide({ streamId, decider: slots }, take, context)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(CAPACITY);
    expect(await takenAfter(streamId)).toEqual(['+1', '+2']);
  });
});
