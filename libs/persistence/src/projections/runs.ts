import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@blue-ocean/event-store';

/** Writes several events with a few statements, e.g. one multi-row insert, as if applied one by one. */
export type RunWriter = (events: readonly RecordedEvent[], db: EntityManager) => Promise<void>;

export interface Runs {
  /** The writer of each event type that can be written in runs; the types sharing a writer form one run. */
  writers: Partial<Record<string, RunWriter>>;
  /** Every other event, one at a time. */
  applyOne: (event: RecordedEvent, db: EntityManager) => Promise<void>;
  /** Events that change nothing here (other modules' events): they are skipped and do not end a run. */
  ignores?: (type: string) => boolean;
}

/** Applies a batch in the log's order: events that follow each other and share a writer go to it together. */
export async function applyInRuns(events: readonly RecordedEvent[], db: EntityManager, runs: Runs): Promise<void> {
  const own = runs.ignores ? events.filter((event) => !runs.ignores!(event.type)) : events;
  let start = 0;
  while (start < own.length) {
    const write = runs.writers[own[start].type];
    let end = start + 1;
    if (write) {
      while (end < own.length && runs.writers[own[end].type] === write) end++;
      await write(own.slice(start, end), db);
    } else {
      await runs.applyOne(own[start], db);
    }
    start = end;
  }
}
