import { Injectable, Logger } from '@nestjs/common';
import type { GeoPoint } from '@blue-ocean/kernel';
import type { PlacementRow, ShiftPostingRow } from '@blue-ocean/marketplace';

/** What the store relay publishes in this process, by topic. Rows are read after the projections passed the event. */
export interface LiveTopics {
  placementChanged: PlacementRow;
  shiftOffered: OfferedShift;
}

/** A new posting, with what a worker's lending offers are measured against. */
export interface OfferedShift {
  row: ShiftPostingRow;
  /** As the ShiftPosted event says: ISO instants and the rate as a decimal string. */
  terms: { role: string; startsAt: string; endsAt: string; hourlyRate: string };
  site: GeoPoint;
}

type Listener<T> = (payload: T) => void;

/** Payloads a slow subscriber may have waiting before the oldest are dropped. */
const MAX_BUFFERED = 1000;

/**
 * The in-process fan-out from the store relay to this gateway's GraphQL subscribers. It holds no
 * state worth keeping: every gateway process has its own relay on the event store, so a change
 * made through any gateway reaches the subscribers of every gateway.
 */
@Injectable()
export class LiveFeed {
  private readonly logger = new Logger('Subscriptions');
  private readonly listeners = new Map<keyof LiveTopics, Set<Listener<never>>>();

  publish<K extends keyof LiveTopics>(topic: K, payload: LiveTopics[K]): void {
    for (const listener of this.listeners.get(topic) ?? []) (listener as Listener<LiveTopics[K]>)(payload);
  }

  /** How many subscribers listen on `topic` (the relay skips work nobody waits for). */
  listening(topic: keyof LiveTopics): number {
    return this.listeners.get(topic)?.size ?? 0;
  }

  /**
   * One subscriber's stream: every payload published on `topic` from now on goes through
   * `select` (its own permission check and mapping, one payload at a time, in order); what it
   * returns is delivered, `undefined` is skipped. `return()` (the client stopped, the socket
   * closed) unsubscribes at once, even while a `next()` is waiting.
   */
  listen<K extends keyof LiveTopics, Out>(
    topic: K,
    select: (payload: LiveTopics[K]) => Promise<Out | undefined>,
  ): AsyncIterableIterator<Out> {
    const ready: Out[] = [];
    const waiting: ((result: IteratorResult<Out>) => void)[] = [];
    let finished = false;
    let chain: Promise<void> = Promise.resolve();

    const deliver = (value: Out) => {
      const next = waiting.shift();
      if (next) return next({ value, done: false });
      if (ready.length >= MAX_BUFFERED) ready.shift();
      ready.push(value);
    };
    const listener: Listener<LiveTopics[K]> = (payload) => {
      chain = chain.then(async () => {
        if (finished) return;
        try {
          const out = await select(payload);
          if (out !== undefined && !finished) deliver(out);
        } catch (error) {
          this.logger.error(`A subscriber's update failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        }
      });
    };
    const finish = () => {
      if (finished) return;
      finished = true;
      this.listeners.get(topic)?.delete(listener as Listener<never>);
      ready.length = 0;
      for (const next of waiting.splice(0)) next({ value: undefined, done: true });
    };

    if (!this.listeners.has(topic)) this.listeners.set(topic, new Set());
    this.listeners.get(topic)!.add(listener as Listener<never>);

    return {
      next(): Promise<IteratorResult<Out>> {
        if (ready.length) return Promise.resolve({ value: ready.shift()!, done: false });
        if (finished) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => waiting.push(resolve));
      },
      async return(): Promise<IteratorResult<Out>> {
        finish();
        return { value: undefined, done: true };
      },
      async throw(error?: unknown): Promise<IteratorResult<Out>> {
        finish();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}
