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
      const loaded = await Promise.all(loads.map((load) => this.load(load)));
      const eventsPerStream = decide(loaded.map((l) => l.state));
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

  /** The current state of one stream (for reads that need the aggregate, e.g. permission checks). */
  async load<S>(load: StreamLoad<S>): Promise<{ state: S; expected: ExpectedRevision }> {
    const cached = this.cache.get(load.decider, load.streamId);
    const from = cached ? cached.revision + 1 : 0;
    const recorded = await this.store.readStream(load.streamId, { fromRevision: from });
    const start = cached ? (cached.state as S) : load.decider.initialState();
    const state = recorded.reduce((s, e) => load.decider.evolve(s, toDomainEvent(e)), start);
    const last = recorded.at(-1)?.revision ?? cached?.revision;
    const expected: ExpectedRevision = last === undefined ? 'no_stream' : last;
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

function lastPosition(results: AppendResult[]): string {
  return results.map((r) => r.position).sort().at(-1)!;
}

/** Jittered exponential backoff so racing writers do not clash again in lockstep. */
function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
