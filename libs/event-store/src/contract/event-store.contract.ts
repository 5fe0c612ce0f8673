import { randomUUID } from 'node:crypto';
import type { EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port';
import { WrongExpectedRevision } from '../event-store.port';

export interface StoreUnderTest {
  store: EventStore;
  cleanup(): Promise<void>;
}

/**
 * The behaviour every EventStore adapter must have (EventStoreDB semantics). Each test writes to
 * streams of its own, so the suite also runs against a server that already holds other events.
 */
export function describeEventStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`${name} event store contract`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterAll(async () => {
      await cleanup?.();
    });

    const revisions = async (streamId: string) => (await store.readStream(streamId)).map((e) => e.revision);

    describe('expectations', () => {
      test("'no_stream' creates a stream and is refused once it exists", async () => {
        const streamId = stream();
        expect(await store.append(streamId, [event(), event()], 'no_stream')).toMatchObject({ nextRevision: 1 });
        await expectWrongRevision(store.append(streamId, [event()], 'no_stream'), streamId, 1);
      });

      test("'any' appends whether or not the stream exists", async () => {
        const streamId = stream();
        expect((await store.append(streamId, [event()], 'any')).nextRevision).toBe(0);
        expect((await store.append(streamId, [event(), event()], 'any')).nextRevision).toBe(2);
      });

      test("'stream_exists' is refused for a missing stream and appends to an existing one", async () => {
        const streamId = stream();
        await expectWrongRevision(store.append(streamId, [event()], 'stream_exists'), streamId, 'no_stream');
        await store.append(streamId, [event()], 'no_stream');
        expect((await store.append(streamId, [event()], 'stream_exists')).nextRevision).toBe(1);
      });

      test('an exact revision appends only when it is the last revision', async () => {
        const streamId = stream();
        await expectWrongRevision(store.append(streamId, [event()], 0), streamId, 'no_stream');
        await store.append(streamId, [event(), event()], 'no_stream');
        await expectWrongRevision(store.append(streamId, [event()], 0), streamId, 1);
        await expectWrongRevision(store.append(streamId, [event()], 2), streamId, 1);
        expect((await store.append(streamId, [event()], 1)).nextRevision).toBe(2);
        expect(await revisions(streamId)).toEqual([0, 1, 2]);
      });

      test('an append without events writes nothing but still checks the expectation', async () => {
        const streamId = stream();
        expect((await store.append(streamId, [], 'no_stream')).nextRevision).toBe(-1);
        expect(await store.readStream(streamId)).toEqual([]);
        await store.append(streamId, [event()], 'no_stream');
        expect((await store.append(streamId, [], 0)).nextRevision).toBe(0);
        expect((await store.append(streamId, [], 'any')).nextRevision).toBe(0);
        await expectWrongRevision(store.append(streamId, [], 5), streamId, 0);
        await expectWrongRevision(store.append(streamId, [], 'no_stream'), streamId, 0);
        expect(await revisions(streamId)).toEqual([0]);
      });

      test('of K parallel appends with the same expectation exactly one wins', async () => {
        const K = 20;
        const streamId = stream();
        await store.append(streamId, [event()], 'no_stream');
        const outcomes = await Promise.allSettled(
          Array.from({ length: K }, () => store.append(streamId, [event()], 0)),
        );
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
        expect(won).toHaveLength(1);
        expect(refused).toHaveLength(K - 1);
        for (const error of refused) expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect(await revisions(streamId)).toEqual([0, 1]);
      });
    });

    describe('multi-stream appends', () => {
      test('write every stream, each with its own expectation, results in the order given', async () => {
        const [a, b] = [stream(), stream()];
        await store.append(b, [event()], 'no_stream');
        const results = await store.appendMany([
          { streamId: a, expected: 'no_stream', events: [event(), event()] },
          { streamId: b, expected: 0, events: [event()] },
        ]);
        expect(results.map((result) => result.nextRevision)).toEqual([1, 1]);
        expect(await revisions(a)).toEqual([0, 1]);
        expect(await revisions(b)).toEqual([0, 1]);
      });

      test('write nothing to any stream when one expectation is wrong', async () => {
        const [a, b, c] = [stream(), stream(), stream()];
        await store.append(b, [event()], 'no_stream');
        await expectWrongRevision(
          store.appendMany([
            { streamId: a, expected: 'no_stream', events: [event()] },
            { streamId: b, expected: 'no_stream', events: [event()] },
            { streamId: c, expected: 'any', events: [event()] },
          ]),
          b,
          0,
        );
        expect(await store.readStream(a)).toEqual([]);
        expect(await revisions(b)).toEqual([0]);
        expect(await store.readStream(c)).toEqual([]);
      });
    });

    describe('idempotent retries', () => {
      test.each<[string, ExpectedRevision]>([
        ['no_stream', 'no_stream'],
        ['an exact revision', 0],
      ])('at %s: the same event ids again succeed without duplicates', async (_, expected) => {
        const streamId = stream();
        if (expected !== 'no_stream') await store.append(streamId, [event()], 'no_stream');
        const events = [event(), event()];
        const first = await store.append(streamId, events, expected);
        const retry = await store.append(streamId, events, expected);
        expect(retry).toEqual(first);
        const stored = await store.readStream(streamId);
        expect(stored).toHaveLength(first.nextRevision + 1);
        expect(stored.slice(-2).map((e) => e.id)).toEqual(events.map((e) => e.id));
      });

      test("at 'any': the same event ids again succeed without duplicates", async () => {
        const streamId = stream();
        const events = [event()];
        const first = await store.append(streamId, events, 'any');
        expect(await store.append(streamId, events, 'any')).toEqual(first);
        expect(await revisions(streamId)).toEqual([0]);
      });

      test('a multi-stream append retried succeeds without duplicates', async () => {
        const [a, b] = [stream(), stream()];
        const appends = [
          { streamId: a, expected: 'no_stream' as const, events: [event()] },
          { streamId: b, expected: 'no_stream' as const, events: [event(), event()] },
        ];
        const first = await store.appendMany(appends);
        const retry = await store.appendMany(appends);
        expect(retry.map((result) => result.nextRevision)).toEqual(first.map((result) => result.nextRevision));
        expect(await revisions(a)).toEqual([0]);
        expect(await revisions(b)).toEqual([0, 1]);
      });

      test('other events at an expectation that no longer holds are refused', async () => {
        const streamId = stream();
        await store.append(streamId, [event()], 'no_stream');
        await expectWrongRevision(store.append(streamId, [event()], 'no_stream'), streamId, 0);
      });
    });

    describe('reading a stream', () => {
      let streamId: string;
      let written: NewEvent[];

      beforeAll(async () => {
        streamId = stream();
        written = [0, 1, 2, 3, 4].map((n) => event({ n }));
        await store.append(streamId, written, 'no_stream');
      });

      test('returns the events as written', async () => {
        const events = await store.readStream(streamId);
        expect(events.map(({ id, type, data, metadata, streamId: s, revision }) => ({ id, type, data, metadata, streamId: s, revision })))
          .toEqual(written.map((e, revision) => ({ ...e, streamId, revision })));
        for (const e of events) expect(typeof e.position).toBe('string');
      });

      test('keeps a null actor and an absent correlation id', async () => {
        const id = stream();
        const system = { ...event(), metadata: { actor: null, occurredAt: '2026-01-02T03:04:05.000Z', schemaVersion: 2 } };
        await store.append(id, [system], 'no_stream');
        expect((await store.readStream(id))[0].metadata).toEqual(system.metadata);
      });

      test('forwards and backwards, from a revision, up to a count', async () => {
        const read = async (options: Parameters<EventStore['readStream']>[1]) =>
          (await store.readStream(streamId, options)).map((e) => e.revision);
        expect(await read({})).toEqual([0, 1, 2, 3, 4]);
        expect(await read({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
        expect(await read({ fromRevision: 2 })).toEqual([2, 3, 4]);
        expect(await read({ direction: 'backwards', fromRevision: 2 })).toEqual([2, 1, 0]);
        expect(await read({ maxCount: 2 })).toEqual([0, 1]);
        expect(await read({ direction: 'backwards', maxCount: 2 })).toEqual([4, 3]);
        expect(await read({ fromRevision: 1, maxCount: 2 })).toEqual([1, 2]);
        expect(await read({ fromRevision: 9 })).toEqual([]);
      });

      test('of a missing stream is empty', async () => {
        expect(await store.readStream(stream())).toEqual([]);
      });
    });

    describe('reading the global log', () => {
      test('returns events in append order, strictly after a position, up to a count', async () => {
        const prefix = stream();
        const marker = await store.append(`${prefix}-marker`, [event()], 'no_stream');
        const appended: { id: string; position: string }[] = [];
        for (const suffix of ['a', 'b', 'a', 'c']) {
          const e = event();
          appended.push({ id: e.id, position: (await store.append(`${prefix}-${suffix}`, [e], 'any')).position });
        }
        const positions = appended.map((a) => a.position);
        expect([...positions].sort()).toEqual(positions);
        expect(marker.position < positions[0]).toBe(true);

        const ours = async (after: string, maxCount?: number) =>
          (await store.readAll({ after, maxCount })).filter((e) => e.streamId.startsWith(prefix));
        await eventually(async () => {
          expect((await ours(marker.position)).map(({ id, position }) => ({ id, position }))).toEqual(appended);
        });
        expect((await ours(positions[1])).map((e) => e.id)).toEqual(appended.slice(2).map((a) => a.id));
        expect(await store.readAll({ after: marker.position, maxCount: 2 })).toHaveLength(2);
        const fromStart = (await store.readAll({ maxCount: 100 })).map((e) => e.position);
        expect(fromStart).toEqual([...fromStart].sort());
      });
    });

    describe('subscriptions', () => {
      test('deliver every event once, in order, also those appended while subscribed', async () => {
        const prefix = stream();
        const marker = await store.append(`${prefix}-marker`, [event()], 'no_stream');
        await store.append(`${prefix}-before`, [event(), event()], 'no_stream');
        const seen: RecordedEvent[] = [];
        let running = 0;
        let overlapped = false;
        const subscription = store.subscribeToAll({
          after: marker.position,
          onEvent: async (e) => {
            overlapped ||= ++running > 1;
            await new Promise((resolve) => setImmediate(resolve));
            if (e.streamId.startsWith(prefix)) seen.push(e);
            running--;
          },
        });
        try {
          await Promise.all(
            Array.from({ length: 10 }, (_, i) => store.append(`${prefix}-${i}`, [event(), event()], 'no_stream')),
          );
          await eventually(() => expect(seen).toHaveLength(22));
          const expected = (await store.readAll({ after: marker.position })).filter((e) => e.streamId.startsWith(prefix));
          expect(seen.map((e) => e.id)).toEqual(expected.map((e) => e.id));
          expect(new Set(seen.map((e) => e.id)).size).toBe(22);
          expect(overlapped).toBe(false);
        } finally {
          await subscription.close();
        }
      });

      test('resume strictly after a checkpoint, and stop calling the handler once closed', async () => {
        const prefix = stream();
        const marker = await store.append(`${prefix}-marker`, [event()], 'no_stream');
        const first: RecordedEvent[] = [];
        const one = store.subscribeToAll({
          after: marker.position,
          onEvent: async (e) => void (e.streamId.startsWith(prefix) && first.push(e)),
        });
        await store.append(`${prefix}-a`, [event(), event()], 'no_stream');
        await eventually(() => expect(first).toHaveLength(2));
        await one.close();

        await store.append(`${prefix}-b`, [event()], 'no_stream');
        await sleep(300);
        expect(first).toHaveLength(2);

        const second: RecordedEvent[] = [];
        const two = store.subscribeToAll({
          after: first[1].position,
          onEvent: async (e) => void (e.streamId.startsWith(prefix) && second.push(e)),
        });
        try {
          await eventually(() => expect(second.map((e) => e.streamId)).toEqual([`${prefix}-b`]));
          await sleep(300);
          expect(second).toHaveLength(1);
        } finally {
          await two.close();
        }
      });

      test('stop at a failing handler and report its error, so that no event is skipped', async () => {
        const prefix = stream();
        const marker = await store.append(`${prefix}-marker`, [event()], 'no_stream');
        const handled: string[] = [];
        const errors: Error[] = [];
        const subscription = store.subscribeToAll({
          after: marker.position,
          onEvent: async (e) => {
            if (!e.streamId.startsWith(prefix)) return;
            handled.push(e.streamId);
            if (e.streamId === `${prefix}-fails`) throw new Error('handler failed');
          },
          onError: (error) => errors.push(error),
        });
        try {
          await store.append(`${prefix}-fails`, [event()], 'no_stream');
          await store.append(`${prefix}-after`, [event()], 'no_stream');
          await eventually(() => expect(errors.map((e) => e.message)).toEqual(['handler failed']));
          await sleep(300);
          expect(handled).toEqual([`${prefix}-fails`]);
        } finally {
          await subscription.close();
        }
      });
    });
  });
}

/** A stream id no other test (or earlier run against the same server) uses. */
export function stream(): string {
  return `contract-${randomUUID()}`;
}

export function event(data: Record<string, unknown> = {}): NewEvent {
  return {
    id: randomUUID(),
    type: 'ContractTested',
    data: { ...data, nested: { list: [1, 'two'], flag: true } },
    metadata: { actor: 'user-1', occurredAt: new Date().toISOString(), schemaVersion: 1, correlationId: randomUUID() },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Retries an assertion until it passes or the time is up: the log and subscriptions are asynchronous. */
export async function eventually(check: () => unknown, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(25);
    }
  }
}

async function expectWrongRevision(
  attempt: Promise<unknown>,
  streamId: string,
  actual: number | 'no_stream',
): Promise<void> {
  const error = await attempt.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WrongExpectedRevision);
  expect(error).toMatchObject({ streamId, actual });
}
