import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import { CLOCK, Clock } from '@blue-ocean/kernel';
import { PG_POOL } from './tokens';

/**
 * Timers are rows of the read side, written by projections from the events (so a rebuild
 * recreates them) and fired by the TimerRunner. Firing sends a command whose decider does
 * nothing unless the thing is really due, so a timer fired twice, late or by two processes
 * changes nothing twice.
 */
export interface Timer {
  /** Unique per thing to do, e.g. `placement-expiry:<placementId>`: scheduling again moves it. */
  id: string;
  kind: string;
  targetId: string;
  dueAt: Date;
}

export function scheduleTimer(db: EntityManager, timer: Timer): Promise<void> {
  return scheduleTimers(db, [timer]);
}

/** One statement for many timers; a timer given twice is scheduled at its last time. */
export async function scheduleTimers(db: EntityManager, timers: readonly Timer[]): Promise<void> {
  const byId = [...new Map(timers.map((t) => [t.id, t])).values()];
  if (byId.length === 0) return;
  await db.query(
    `INSERT INTO timers (id, kind, target_id, due_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
     ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, target_id = EXCLUDED.target_id, due_at = EXCLUDED.due_at`,
    [byId.map((t) => t.id), byId.map((t) => t.kind), byId.map((t) => t.targetId), byId.map((t) => t.dueAt.toISOString())],
  );
}

export function cancelTimer(db: EntityManager, id: string): Promise<void> {
  return cancelTimers(db, [id]);
}

export async function cancelTimers(db: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query('DELETE FROM timers WHERE id = ANY($1::text[])', [ids]);
}

export type TimerHandler = (targetId: string, now: Date) => Promise<void>;

const POLL_MS = 200;
const BATCH = 100;
const RETRY_AFTER_MS = 30_000;

@Injectable()
export class TimerRunner {
  private readonly logger = new Logger('Timers');
  private readonly handlers = new Map<string, TimerHandler>();
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Modules register what each kind of timer does, at start. */
  on(kind: string, handler: TimerHandler): void {
    this.handlers.set(kind, handler);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Fires every timer due now; returns how many fired. */
  async fireDue(): Promise<number> {
    const now = this.clock.now();
    const { rows } = await this.pool.query<{ id: string; kind: string; target_id: string; due_at: Date }>(
      'SELECT id, kind, target_id, due_at FROM timers WHERE due_at <= $1 ORDER BY due_at LIMIT $2',
      [now, BATCH],
    );
    for (const timer of rows) {
      const handler = this.handlers.get(timer.kind);
      if (!handler) continue;
      try {
        await handler(timer.target_id, now);
        await this.pool.query('DELETE FROM timers WHERE id = $1 AND due_at = $2', [timer.id, timer.due_at]);
      } catch (error) {
        this.logger.error(`Timer ${timer.id} failed, retrying in ${RETRY_AFTER_MS / 1000} s: ${(error as Error).message}`);
        await this.pool.query('UPDATE timers SET due_at = $3 WHERE id = $1 AND due_at = $2', [
          timer.id,
          timer.due_at,
          new Date(now.getTime() + RETRY_AFTER_MS),
        ]);
      }
    }
    return rows.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const fired = await this.fireDue();
        if (fired > 0) continue;
      } catch (error) {
        this.logger.error(`Timers paused: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
