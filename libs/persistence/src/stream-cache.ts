import type { ExpectedRevision } from '@blue-ocean/event-store';
import { LruCache } from '@blue-ocean/kernel';

interface Entry {
  state: unknown;
  /** The last event's revision; -1 for a stream with no events yet. */
  revision: number;
}

/**
 * The last folded state of recently used streams, per decider, so a load reads only the events
 * appended since (a busy posting's stream grows by one event per slot taken). States are
 * immutable values, so sharing them is safe. Least recently used entries are dropped.
 */
export class StreamCache {
  private readonly entries = new WeakMap<object, LruCache<string, Entry>>();

  constructor(private readonly capacity = 10_000) {}

  get(decider: object, streamId: string): Entry | undefined {
    return this.entries.get(decider)?.get(streamId);
  }

  set(decider: object, streamId: string, state: unknown, expected: ExpectedRevision): void {
    const revision = expected === 'no_stream' ? -1 : expected;
    if (typeof revision !== 'number') return;
    let byStream = this.entries.get(decider);
    if (!byStream) this.entries.set(decider, (byStream = new LruCache(this.capacity)));
    // A read that started before a newer append finished must not put the older state back.
    if ((byStream.get(streamId)?.revision ?? -1) > revision) return;
    byStream.set(streamId, { state, revision });
  }
}
