import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@blue-ocean/event-store';

/**
 * Turns events into read-model rows. `apply` runs inside the transaction that also moves
 * the checkpoint, so an event is applied exactly once, even across a crash.
 */
export interface Projection {
  readonly name: string;
  /** The read-model tables this projection owns; emptied before a rebuild. */
  readonly tables: readonly string[];
  apply(event: RecordedEvent, db: EntityManager): Promise<void>;
  /**
   * Optional: applies a whole batch of the log at once (in order), e.g. one multi-row insert for
   * an insert-only read model. When present it is used instead of `apply`.
   */
  applyBatch?(events: readonly RecordedEvent[], db: EntityManager): Promise<void>;
}

export const PROJECTIONS = Symbol('PROJECTIONS');
