import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { EventStore, RecordedEvent } from '@blue-ocean/event-store';
import type { Projection } from './projection';

const BATCH = 500;
/** A rebuild reads bigger batches: nothing waits on it, and fewer round trips add up over millions of events. */
const REBUILD_BATCH = 5000;
const IDLE_POLL_MS = 100;
const LOCK_RETRY_MS = 1000;
/** After a failure (the database away, say) the runner starts again after this, doubling up to the ceiling. */
const RESTART_MIN_MS = 200;
const RESTART_MAX_MS = 2000;

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
  private batchesApplied = 0;
  /** Sleeping after a failure, before starting again. */
  private recovering = false;
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
    this.loop = this.supervise();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
    await this.letGo();
  }

  /**
   * Runs the loop until stop(). A failure does not end it: with the database restarted or away for
   * a while, every read and the lock's connection fail, and a runner that stopped there would
   * leave the read models (and every mutation waiting on them) behind until the process restarts.
   * So it lets go of the lock and its connection (dead, most likely), waits a little, and starts
   * again: takes the lock again and resumes from the stored checkpoint. Nothing of the failed
   * batch was committed (rows and checkpoint move in one transaction), so nothing is applied twice.
   */
  private async supervise(): Promise<void> {
    let delay = RESTART_MIN_MS;
    while (this.running) {
      const appliedBefore = this.batchesApplied;
      try {
        await this.run();
      } catch (error) {
        if (!this.running) break;
        if (this.batchesApplied !== appliedBefore) delay = RESTART_MIN_MS; // it worked for a while: a new failure
        console.error(JSON.stringify({ level: 'error', msg: `projection runner ${this.name} failed; starting again in ${delay} ms`, error: String(error) }));
        await this.letGo();
        this.recovering = true;
        await this.sleep(delay).finally(() => (this.recovering = false));
        delay = Math.min(RESTART_MAX_MS, delay * 2);
      }
    }
  }

  /** Gives up the projection lock and its connection (a broken connection is dropped by the pool, not reused). */
  private async letGo(): Promise<void> {
    const holder = this.lockHolder;
    if (!holder) return;
    this.lockHolder = null;
    await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [this.name]).catch(() => undefined);
    await holder.release().catch(() => undefined);
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
      // A runner waiting to start again after a failure (the database was away) is woken at every
      // round, not only the first: it may have gone back to sleep since, and this mutation waits on it.
      if (this.recovering) this.nudge();
      // A failed read (the database away) is "not yet": this is a bounded wait, never an error.
      const current = this.lockHolder ? this.checkpoint : await this.storedCheckpoint().catch(() => null);
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
    let next = this.readAfter(this.checkpoint);
    while (this.running) {
      const batch = await next;
      if (batch.length === 0) {
        await this.sleep(IDLE_POLL_MS);
        next = this.readAfter(this.checkpoint);
        continue;
      }
      // Under load the next batch is read while this one is applied: one round trip less per batch.
      next = this.readAfter(batch[batch.length - 1].position);
      await this.applyBatch(batch);
    }
  }

  /** A read of the log that may be dropped unread (the runner stopped or failed meanwhile) without an unhandled rejection. */
  private readAfter(position: string | null): Promise<RecordedEvent[]> {
    const read = this.store.readAll({ after: position ?? undefined, maxCount: BATCH });
    read.catch(() => undefined);
    return read;
  }

  /**
   * The checkpoint moves only from where this runner left it. The advisory lock lives on one
   * connection, and a database restart can end that connection (and the lock) without this runner
   * noticing before its next batch; if another runner has taken the lock and moved on meanwhile,
   * this update finds another position, and the batch is rolled back instead of being applied a
   * second time (the supervisor then waits for the lock again).
   */
  private async moveCheckpoint(tx: EntityManager, to: string): Promise<boolean> {
    const [{ moved }] = await tx.query(
      `WITH updated AS (
         UPDATE projection_checkpoints SET position = $2, updated_at = now() WHERE name = $1 AND position = $3 RETURNING 1
       ), inserted AS (
         INSERT INTO projection_checkpoints (name, position, updated_at) SELECT $1, $2, now() WHERE $3::text IS NULL
         ON CONFLICT (name) DO NOTHING RETURNING 1
       )
       SELECT (SELECT count(*) FROM updated) + (SELECT count(*) FROM inserted) AS moved`,
      [this.name, to, this.checkpoint],
    );
    return Number(moved) === 1;
  }

  private async applyBatch(batch: RecordedEvent[]): Promise<void> {
    const last = batch[batch.length - 1].position;
    await this.db.transaction(async (tx: EntityManager) => {
      // Projections own separate tables, so each may take the batch in one go.
      for (const projection of this.projections) {
        if (projection.applyBatch) await projection.applyBatch(batch, tx);
        else for (const event of batch) await projection.apply(event, tx);
      }
      if (!(await this.moveCheckpoint(tx, last))) throw new Error(`The checkpoint of ${this.name} moved under this runner (another one has the lock): not applying the batch.`);
    });
    this.checkpoint = last;
    this.batchesApplied++;
    for (const waiter of [...this.waiters]) waiter();
  }

  private async tryLock(): Promise<boolean> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    let locked: boolean;
    try {
      [{ locked }] = await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [this.name]);
    } catch (error) {
      await runner.release().catch(() => undefined); // do not leak the connection when the database is away
      throw error;
    }
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
