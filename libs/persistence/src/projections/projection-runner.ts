import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { EventStore, RecordedEvent } from '@blue-ocean/event-store';
import type { Projection } from './projection';

const BATCH = 500;
/** A rebuild reads bigger batches: nothing waits on it, and fewer round trips add up over millions of events. */
const REBUILD_BATCH = 5000;
const IDLE_POLL_MS = 100;
const LOCK_RETRY_MS = 1000;

export interface RunnerOptions {
  /** The checkpoint's name and the advisory lock's key: one process runs it at a time. */
  name?: string;
}

/**
 * Reads the global log from its checkpoint and applies every projection, batch by batch,
 * writing the rows and the new checkpoint in one transaction. Only the process holding the
 * advisory lock applies events; the others wait for its checkpoint.
 */
export class ProjectionRunner {
  readonly name: string;
  private checkpoint: string | null = null;
  private lockHolder: QueryRunner | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly store: EventStore,
    private readonly db: DataSource,
    private readonly projections: readonly Projection[],
    private readonly options: RunnerOptions = {},
  ) {
    this.name = options.name ?? 'read-models';
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run().catch((error) => {
      this.running = false;
      console.error(JSON.stringify({ level: 'error', msg: 'projection runner stopped', error: String(error) }));
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
    if (this.lockHolder) {
      await this.lockHolder.query('SELECT pg_advisory_unlock(hashtext($1))', [this.name]).catch(() => undefined);
      await this.lockHolder.release();
      this.lockHolder = null;
    }
  }

  /** Wakes the loop now instead of at the next poll (an append in this process just committed). */
  nudge(): void {
    this.wake?.();
  }

  /**
   * Resolves once the read models include `position` (or after `timeoutMs`: a mutation's answer
   * then may lag, but nothing is lost). Returns whether the position was reached.
   */
  async passed(position: string | null, timeoutMs = 5000): Promise<boolean> {
    if (position === null) return true;
    const deadline = Date.now() + timeoutMs;
    this.nudge();
    while (Date.now() < deadline) {
      const current = this.lockHolder ? this.checkpoint : await this.storedCheckpoint();
      if (current !== null && current >= position) return true;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, this.lockHolder ? 50 : 20);
        this.waiters.add(done);
      });
    }
    return false;
  }

  /**
   * Empties the read models and replays the whole log, holding the projection lock (so it
   * waits for a running runner to stop). Returns the number of events applied.
   */
  async rebuild(onProgress?: (applied: number) => void): Promise<number> {
    const lock = this.db.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock(hashtext($1))', [this.name]);
      await this.db.transaction(async (tx) => {
        const tables = this.projections.flatMap((p) => p.tables);
        if (tables.length) await tx.query(`TRUNCATE ${tables.join(', ')}`);
        await tx.query('DELETE FROM projection_checkpoints WHERE name = $1', [this.name]);
      });
      this.checkpoint = null;
      return await this.catchUp(onProgress);
    } finally {
      await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [this.name]).catch(() => undefined);
      await lock.release();
    }
  }

  /** Applies everything up to the head of the log; returns the number of events applied. */
  private async catchUp(onProgress?: (applied: number) => void): Promise<number> {
    let applied = 0;
    for (;;) {
      const batch = await this.store.readAll({ after: this.checkpoint ?? undefined, maxCount: REBUILD_BATCH });
      if (batch.length === 0) return applied;
      await this.applyBatch(batch);
      applied += batch.length;
      onProgress?.(applied);
    }
  }

  private async run(): Promise<void> {
    while (this.running && !(await this.tryLock())) await this.sleep(LOCK_RETRY_MS);
    if (!this.running) return;
    this.checkpoint = await this.storedCheckpoint();
    while (this.running) {
      const batch = await this.store.readAll({ after: this.checkpoint ?? undefined, maxCount: BATCH });
      if (batch.length === 0) {
        await this.sleep(IDLE_POLL_MS);
        continue;
      }
      await this.applyBatch(batch);
    }
  }

  private async applyBatch(batch: RecordedEvent[]): Promise<void> {
    const last = batch[batch.length - 1].position;
    await this.db.transaction(async (tx: EntityManager) => {
      // Projections own separate tables, so each may take the batch in one go.
      for (const projection of this.projections) {
        if (projection.applyBatch) await projection.applyBatch(batch, tx);
        else for (const event of batch) await projection.apply(event, tx);
      }
      await tx.query(
        `INSERT INTO projection_checkpoints (name, position, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
        [this.name, last],
      );
    });
    this.checkpoint = last;
    for (const waiter of [...this.waiters]) waiter();
  }

  private async tryLock(): Promise<boolean> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [this.name]);
    if (locked) {
      this.lockHolder = runner;
      return true;
    }
    await runner.release();
    return false;
  }

  private async storedCheckpoint(): Promise<string | null> {
    const rows = await this.db.query('SELECT position FROM projection_checkpoints WHERE name = $1', [this.name]);
    return rows[0]?.position ?? null;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
