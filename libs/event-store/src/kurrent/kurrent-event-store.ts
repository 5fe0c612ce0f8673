import {
  BACKWARDS, END, FORWARDS, KurrentDBClient, START, excludeSystemEvents,
} from '@kurrent/kurrentdb-client';
import type {
  AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions,
  RecordedEvent, StreamAppend, SubscribeOptions, Subscription,
} from '../event-store.port';
import { WrongExpectedRevision } from '../event-store.port';
import { encodePosition, START_POSITION } from '../position';
import {
  asWrongExpectedRevision, isStreamNotFound, toEventData, toKurrentPosition, toPortPosition,
  toRecordedEvent, toStreamState,
} from './mapping';
import { withTimeout } from './with-timeout';

export interface KurrentEventStoreOptions {
  /** Our own deadline for each call (the client can hang on a silent port). Default 5000 ms. */
  timeoutMs?: number;
}

/** A stream that never has events: reading it is the cheapest round trip for ping(). */
const PING_STREAM = 'blue-ocean-ping';

/**
 * The event store on KurrentDB / EventStoreDB, e.g. `new KurrentEventStore('kurrentdb://localhost:2113?tls=false')`.
 * Positions are `${commit}-${prepare}`, each zero-padded to 20 digits. appendMany needs server 25.1+.
 * The client connects lazily: the first call (e.g. ping) is where an unreachable server shows.
 * A timed-out append may still have been written: retrying it with the same event ids is safe.
 */
export class KurrentEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly timeoutMs: number;

  constructor(connectionString: string, options: KurrentEventStoreOptions = {}) {
    // esdb:// still works but makes the client print a deprecation warning.
    this.client = KurrentDBClient.connectionString(connectionString.replace(/^esdb(\+discover)?:/, 'kurrentdb$1:'));
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) return this.check(streamId, expected);
    try {
      const result = await this.timed(
        this.client.appendToStream(streamId, events.map(toEventData), { streamState: toStreamState(expected) }),
        'an append',
      );
      return {
        nextRevision: Number(result.nextExpectedRevision),
        position: result.position ? toPortPosition(result.position) : await this.lastPosition(streamId),
      };
    } catch (error) {
      const conflict = asWrongExpectedRevision(error, () => expected);
      if (!conflict) throw error;
      const [retried] = (await this.alreadyAppended([{ streamId, events, expected }])) ?? [];
      if (retried) return retried;
      throw conflict;
    }
  }

  /**
   * One multi-stream append (atomic on the server). Appends without events only check their
   * expectation, before it: the server takes no empty request, so that check is not atomic with it.
   */
  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    const results: AppendResult[] = [];
    for (const [index, append] of appends.entries()) {
      if (append.events.length === 0) results[index] = await this.check(append.streamId, append.expected);
    }
    const writes = appends.filter((append) => append.events.length > 0);
    if (writes.length === 0) return results;

    let written: AppendResult[];
    try {
      const result = await this.timed(
        this.client.multiStreamAppend(writes.map(({ streamId, events, expected }) => ({
          streamName: streamId,
          events: events.map(toEventData),
          expectedState: toStreamState(expected),
        }))),
        'a multi-stream append',
      );
      // The server reports one log position for the whole transaction.
      const position = encodePosition(result.position, result.position);
      written = result.responses.map((response) => ({ nextRevision: Number(response.revision), position }));
    } catch (error) {
      const conflict = asWrongExpectedRevision(error, (streamId) =>
        writes.find((write) => write.streamId === streamId)?.expected ?? 'any');
      if (!conflict) throw error;
      const retried = await this.alreadyAppended(writes);
      if (!retried) throw conflict;
      written = retried;
    }
    let next = 0;
    for (const [index, append] of appends.entries()) {
      if (append.events.length > 0) results[index] = written[next++];
    }
    return results;
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.read(streamId, options, 'a stream read');
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { after, maxCount } = options;
    if (maxCount === 0) return [];
    // Reading from a position includes the event at it: read one more and drop it.
    const reading = this.client.readAll({
      fromPosition: after ? toKurrentPosition(after) : START,
      direction: FORWARDS,
      maxCount: maxCount === undefined ? undefined : maxCount + 1,
      filter: excludeSystemEvents(),
    });
    return this.timed(collect(reading, maxCount, after), 'a read of $all');
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const { after, onEvent, onError } = options;
    const source = this.client.subscribeToAll({
      fromPosition: after ? toKurrentPosition(after) : START,
      filter: excludeSystemEvents(),
    });
    let closed = false;
    const running = (async () => {
      let checkpoint = after;
      try {
        // for await pulls the next event only after the handler's promise settled.
        for await (const resolved of source) {
          if (closed) break;
          const event = toRecordedEvent(resolved);
          if (!event || (checkpoint !== undefined && event.position <= checkpoint)) continue;
          await onEvent(event);
          checkpoint = event.position;
        }
      } catch (error) {
        // A failed handler or a dropped subscription ends it: resume from your checkpoint.
        if (!closed) onError?.(error instanceof Error ? error : new Error(String(error)));
      } finally {
        await source.unsubscribe().catch(() => undefined);
      }
    })();
    return {
      close: async () => {
        closed = true;
        await source.unsubscribe().catch(() => undefined);
        await running;
      },
    };
  }

  async ping(): Promise<void> {
    await this.read(PING_STREAM, { maxCount: 1 }, 'a ping');
  }

  async close(): Promise<void> {
    await this.timed(this.client.dispose(), 'closing').catch(() => undefined);
  }

  private timed<T>(work: Promise<T>, what: string): Promise<T> {
    return withTimeout(work, this.timeoutMs, what);
  }

  private async read(streamId: string, options: ReadStreamOptions, what: string): Promise<RecordedEvent[]> {
    if (options.maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    const reading = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START,
      maxCount: options.maxCount,
    });
    try {
      return await this.timed(collect(reading, options.maxCount), what);
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
  }

  /** An append without events: only checks the expectation against the stream's last event. */
  private async check(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    const holds =
      expected === 'any' ||
      (expected === 'no_stream' && !last) ||
      (expected === 'stream_exists' && !!last) ||
      (typeof expected === 'number' && last?.revision === expected);
    if (!holds) throw new WrongExpectedRevision(streamId, expected, last ? last.revision : 'no_stream');
    return { nextRevision: last ? last.revision : -1, position: last ? last.position : START_POSITION };
  }

  private async lastPosition(streamId: string): Promise<string> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return last ? last.position : START_POSITION;
  }

  /**
   * After a wrong expectation: if every append's events already follow its expected revision
   * (same ids, same order), the same append succeeded before and this is a retry. Their results, or
   * undefined. 'any' and 'stream_exists' name no revision; for those the server's own check decides.
   */
  private async alreadyAppended(appends: StreamAppend[]): Promise<AppendResult[] | undefined> {
    const results: AppendResult[] = [];
    for (const { streamId, events, expected } of appends) {
      if (expected === 'any' || expected === 'stream_exists') return undefined;
      const fromRevision = expected === 'no_stream' ? 0 : expected + 1;
      const found = await this.readStream(streamId, { fromRevision, maxCount: events.length });
      const same = found.length === events.length && found.every((event, i) => event.id === events[i].id);
      if (!same) return undefined;
      const last = found[found.length - 1];
      results.push({ nextRevision: last.revision, position: last.position });
    }
    return results;
  }
}

/** Up to maxCount of our events from a client read, skipping those at or before `after`. */
async function collect(
  reading: AsyncIterable<Parameters<typeof toRecordedEvent>[0]>,
  maxCount = Number.POSITIVE_INFINITY,
  after?: string,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const resolved of reading) {
    const event = toRecordedEvent(resolved);
    if (!event || (after !== undefined && event.position <= after)) continue;
    events.push(event);
    if (events.length >= maxCount) break;
  }
  return events;
}
