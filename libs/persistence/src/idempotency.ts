import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DomainError, InvalidInput } from '@blue-ocean/kernel';

/** What a finished call left behind: the result to hand back, or the refusal to repeat. */
type Outcome = { ok: unknown } | { refused: { kind: 'conflict' | 'input'; reason?: string; field?: string; message: string } };

const WAIT_POLL_MS = 25;
/** A RUNNING claim older than this belongs to a process that died; a repeat may take it over. */
const STALE_AFTER_MS = 30_000;
export const IDEMPOTENCY_RETENTION_HOURS = 48;

/**
 * Idempotency keys (API-RULES.md "Idempotency"): the same user and key return the first call's
 * result and have no further effect; a repeat arriving while the first runs waits for it;
 * the same key with other input is IDEMPOTENCY_KEY_REUSED.
 */
export class IdempotencyStore {
  constructor(private readonly pool: Pool) {}

  async run<T>(userId: string, key: string | undefined | null, operation: string, input: unknown, work: () => Promise<T>): Promise<T> {
    if (!key) return work();
    const inputHash = hashOf(operation, input);
    for (;;) {
      const claimed = await this.claim(userId, key, operation, inputHash);
      if (claimed) return this.perform(userId, key, work);
      const row = await this.find(userId, key);
      if (!row) continue; // the first call failed unexpectedly and let go: try to claim again
      if (row.input_hash !== inputHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used for another request.');
      if (row.status === 'DONE') return replay<T>(row.result as Outcome);
      if (Date.now() - new Date(row.updated_at).getTime() > STALE_AFTER_MS) {
        await this.pool.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status = 'RUNNING' AND updated_at = $3`, [userId, key, row.updated_at]);
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    }
  }

  /** Forgets keys past retention; run by the processor's timers. */
  async prune(): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
      [IDEMPOTENCY_RETENTION_HOURS],
    );
    return rowCount ?? 0;
  }

  private async perform<T>(userId: string, key: string, work: () => Promise<T>): Promise<T> {
    let outcome: Outcome;
    try {
      const result = await work();
      outcome = { ok: result ?? null };
    } catch (error) {
      const refused = asRefusal(error);
      if (!refused) {
        await this.pool.query('DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2', [userId, key]);
        throw error;
      }
      outcome = { refused };
    }
    await this.pool.query(
      `UPDATE idempotency_keys SET status = 'DONE', result = $3, updated_at = now() WHERE user_id = $1 AND key = $2`,
      [userId, key, JSON.stringify(outcome)],
    );
    return replay<T>(outcome);
  }

  private async claim(userId: string, key: string, operation: string, inputHash: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO idempotency_keys (user_id, key, operation, input_hash, status) VALUES ($1, $2, $3, $4, 'RUNNING')
       ON CONFLICT (user_id, key) DO NOTHING`,
      [userId, key, operation, inputHash],
    );
    return rowCount === 1;
  }

  private async find(userId: string, key: string) {
    const { rows } = await this.pool.query<{ input_hash: string; status: string; result: unknown; updated_at: Date }>(
      'SELECT input_hash, status, result, updated_at FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [userId, key],
    );
    return rows[0];
  }
}

function hashOf(operation: string, input: unknown): string {
  return createHash('sha256').update(operation).update('\0').update(stableJson(input)).digest('hex');
}

/** JSON with sorted keys, so the same input always hashes the same. */
function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([k, v]) => v !== undefined && k !== 'idempotencyKey')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/** Business refusals are results too: a repeat gets the same refusal. Anything else may be retried. */
function asRefusal(error: unknown): Extract<Outcome, { refused: unknown }>['refused'] | null {
  if (error instanceof DomainError) return { kind: 'conflict', reason: error.reason, message: error.message };
  if (error instanceof InvalidInput) return { kind: 'input', field: error.field, message: error.message };
  return null;
}

function replay<T>(outcome: Outcome): T {
  if ('ok' in outcome) return outcome.ok as T;
  const { refused } = outcome;
  if (refused.kind === 'conflict') throw new DomainError(refused.reason as DomainError['reason'], refused.message);
  throw new InvalidInput(refused.field, refused.message);
}
