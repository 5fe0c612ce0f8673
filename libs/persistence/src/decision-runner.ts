import { Decider, DomainEventShape, newId } from '@blue-ocean/kernel';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
  WrongExpectedRevision,
} from '@blue-ocean/event-store';
import { KeyedLock } from './keyed-lock';
import { StreamCache } from './stream-cache';

/** Who and when: stamped on every event a command writes. */
export interface CommandContext {
  actor: string | null;
  at: Date;
  correlationId?: string;
}

/** One stream to load and the decider that folds it. */
export interface StreamLoad<S = unknown> {
  streamId: string;
  decider: Pick<Decider<unknown, DomainEventShape, S>, 'initialState' | 'evolve'>;
  /**
   * A stream this command creates (its id was just made): it is not read, and the append's
   * guard ('no_stream') still refuses it if it exists after all.
   */
  isNew?: boolean;
}

/** A folded state; `verified` is false when it came from the cache and the database was not asked. */
interface Loaded {
  state: unknown;
  expected: ExpectedRevision;
  verified: boolean;
}

export interface Decision {
  /** The last global position written; null when nothing was written. */
  position: string | null;
  events: DomainEventShape[];
}

const MAX_ATTEMPTS = 25;
export const SCHEMA_VERSION = 1;

/**
 * The command side in one place: load the streams, fold each with `evolve`, call a pure
 * `decide`, append with the expected revisions (atomically across streams), and on a
 * concurrency clash reload and decide again. Clients never see the clash.
 *
 * Commands on the same streams take turns within a process, so the cached state of a stream is
 * usually current: the first attempt trusts it without asking the database, and the append's
 * expected revision proves it (another process's write makes it clash, and the retry reads). A
 * refusal, or a stream the decision leaves unwritten, proves nothing: such a decision taken on
 * trusted states is taken again on read ones before it is answered or appended. Streams not cached are read before the turn is taken, so a busy
 * stream's turn lasts about one append.
 */
export class DecisionRunner {
  /** Commands on the same streams queue here instead of clashing in the database (other processes still can). */
  private readonly locks = new KeyedLock();
  private readonly cache = new StreamCache();

  constructor(private readonly store: EventStore) {}

  /** One stream: `decide(state)` returns the events to append to it. */
  async decide<S>(
    load: StreamLoad<S>,
    decide: (state: S) => DomainEventShape[],
    context: CommandContext,
  ): Promise<Decision> {
    return this.decideMany([load], ([state]) => [decide(state as S)], context);
  }

  /** Several streams changed together: `decide(states)` returns one event list per stream, in order. */
  async decideMany(
    loads: StreamLoad[],
    decide: (states: unknown[]) => DomainEventShape[][],
    context: CommandContext,
  ): Promise<Decision> {
    await Promise.all(loads.filter((load) => !load.isNew && !this.cache.get(load.decider, load.streamId)).map((load) => this.load(load)));
    return this.locks.run(
      loads.map((load) => load.streamId),
      () => this.decideLocked(loads, decide, context),
    );
  }

  private async decideLocked(
    loads: StreamLoad[],
    decide: (states: unknown[]) => DomainEventShape[][],
    context: CommandContext,
  ): Promise<Decision> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await Promise.all(loads.map((load) => (attempt === 1 ? this.trusted(load) : this.read(load))));
      let eventsPerStream: DomainEventShape[][];
      try {
        eventsPerStream = decide(loaded.map((l) => l.state));
      } catch (refusal) {
        if (loaded.some((l) => !l.verified)) continue;
        throw refusal;
      }
      // A trusted state is proven only by the append to its stream, so one left unwritten is read.
      if (loaded.some((l, i) => !l.verified && !eventsPerStream[i]?.length)) continue;
      const appends = loads
        .map((load, i) => ({
          streamId: load.streamId,
          expected: loaded[i].expected,
          events: (eventsPerStream[i] ?? []).map((event) => this.toNewEvent(event, context)),
        }))
        .filter((append) => append.events.length > 0);
      if (appends.length === 0) return { position: null, events: [] };
      try {
        const results = await this.store.appendMany(appends);
        this.remember(loads, loaded, eventsPerStream, appends, results);
        return { position: lastPosition(results), events: eventsPerStream.flat() };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision) || attempt >= MAX_ATTEMPTS) throw error;
        await backoff(attempt);
      }
    }
  }

  /** The cached state as it is, or the initial state of a new stream; read only when neither is known. */
  private async trusted(load: StreamLoad): Promise<Loaded> {
    if (load.isNew) return { state: load.decider.initialState(), expected: 'no_stream', verified: false };
    const cached = this.cache.get(load.decider, load.streamId);
    if (!cached) return this.read(load);
    return { state: cached.state, expected: expectedAt(cached.revision), verified: false };
  }

  private async read(load: StreamLoad): Promise<Loaded> {
    return { ...(await this.load(load)), verified: true };
  }

  /**
   * The state as this process last saw it; read only when it has seen no event of the stream yet.
   * It may lag another process's latest writes, so it serves facts that never change once written
   * (a posting's site and times), never a decision.
   */
  async lastSeen<S>(load: StreamLoad<S>): Promise<S> {
    const cached = this.cache.get(load.decider, load.streamId);
    return cached && cached.revision >= 0 ? (cached.state as S) : (await this.load(load)).state;
  }

  /** The current state of one stream (for reads that need the aggregate, e.g. permission checks). */
  async load<S>(load: StreamLoad<S>): Promise<{ state: S; expected: ExpectedRevision }> {
    const cached = this.cache.get(load.decider, load.streamId);
    const from = cached ? cached.revision + 1 : 0;
    const recorded = await this.store.readStream(load.streamId, { fromRevision: from });
    const start = cached ? (cached.state as S) : load.decider.initialState();
    const state = recorded.reduce((s, e) => load.decider.evolve(s, toDomainEvent(e)), start);
    const last = recorded.at(-1)?.revision ?? cached?.revision ?? -1;
    const expected = expectedAt(last);
    this.cache.set(load.decider, load.streamId, state, expected);
    return { state, expected };
  }

  /** After a successful append the new states are known without reading them back. */
  private remember(
    loads: StreamLoad[],
    loaded: { state: unknown }[],
    eventsPerStream: DomainEventShape[][],
    appends: { streamId: string }[],
    results: AppendResult[],
  ): void {
    loads.forEach((load, i) => {
      const written = appends.findIndex((a) => a.streamId === load.streamId);
      if (written < 0) return;
      const state = (eventsPerStream[i] ?? []).reduce((s, e) => load.decider.evolve(s, e), loaded[i].state);
      this.cache.set(load.decider, load.streamId, state, results[written].nextRevision);
    });
  }

  private toNewEvent(event: DomainEventShape, context: CommandContext): NewEvent {
    return {
      id: newId(),
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: {
        actor: context.actor,
        occurredAt: context.at.toISOString(),
        schemaVersion: SCHEMA_VERSION,
        correlationId: context.correlationId,
      },
    };
  }
}

export function toDomainEvent(event: RecordedEvent): DomainEventShape {
  return { type: event.type, data: event.data };
}

function expectedAt(revision: number): ExpectedRevision {
  return revision < 0 ? 'no_stream' : revision;
}

function lastPosition(results: AppendResult[]): string {
  return results.map((r) => r.position).sort().at(-1)!;
}

/** Jittered exponential backoff so racing writers do not clash again in lockstep. */
function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
