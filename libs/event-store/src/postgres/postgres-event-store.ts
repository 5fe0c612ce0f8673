import type { Pool } from 'pg';
import type {
  AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions,
  RecordedEvent, StreamAppend, SubscribeOptions, Subscription,
} from '../event-store.port';
import { decodePosition } from '../position';
import { appendToStream, appendToStreams, isDuplicateEventId } from './append';
import { AppendNotifications } from './notifications';
import { PollingSubscription } from './polling-subscription';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from './rows';

export interface PostgresEventStoreOptions {
  /** How often subscriptions re-read without a wake-up (late commits surface this way). Default 500 ms. */
  pollIntervalMs?: number;
  /** Events a subscription reads per query. Default 500. */
  batchSize?: number;
}

/**
 * The event store on PostgreSQL (schema and append function: infra/migrations/0001_event_store.sql).
 * Positions are `${transaction id}-${sequence position}`, each zero-padded to 20 digits.
 *
 * The pool belongs to the caller: close() stops this store's subscriptions and notifications but
 * does not end the pool, which the application shares with its other repositories.
 */
export class PostgresEventStore implements EventStore {
  private readonly notifications: AppendNotifications;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;

  constructor(private readonly pool: Pool, options: PostgresEventStoreOptions = {}) {
    this.notifications = new AppendNotifications(pool);
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.batchSize = options.batchSize ?? 500;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const result = await retryDuplicate(() => appendToStream(this.pool, streamId, events, expected));
    if (events.length > 0) this.notifications.appended();
    return result;
  }

  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    const results = await retryDuplicate(() => appendToStreams(this.pool, appends));
    if (appends.some((append) => append.events.length > 0)) this.notifications.appended();
    return results;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const { rows } = await this.pool.query<EventRow>({
      name: `event-store-read-stream-${backwards ? 'backwards' : 'forwards'}`,
      text: `SELECT ${EVENT_COLUMNS} FROM events
             WHERE stream_id = $1 AND revision ${backwards ? '<=' : '>='} $2
             ORDER BY revision ${backwards ? 'DESC' : 'ASC'}
             LIMIT $3`,
      values: [streamId, from, options.maxCount ?? null],
    });
    return rows.map(toRecordedEvent);
  }

  /**
   * Only events of transactions older than every transaction still running: a transaction that is
   * still open may commit events that sort before the newest ones visible now.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const [transactionId, position] = options.after ? decodePosition(options.after) : [0n, 0n];
    const { rows } = await this.pool.query<EventRow>({
      name: 'event-store-read-all',
      text: `SELECT ${EVENT_COLUMNS} FROM events
             WHERE transaction_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
               AND (transaction_id, position) > ($1::xid8, $2::bigint)
             ORDER BY transaction_id, position
             LIMIT $3`,
      values: [transactionId.toString(), position.toString(), options.maxCount ?? null],
    });
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const subscription = new PollingSubscription({
      ...options,
      readBatch: (after, maxCount) => this.readAll({ after, maxCount }),
      batchSize: this.batchSize,
      pollIntervalMs: this.pollIntervalMs,
    });
    const unsubscribe = this.notifications.subscribe(() => subscription.wake());
    this.subscriptions.add(subscription);
    return {
      close: async () => {
        unsubscribe();
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.subscriptions.clear();
    await this.notifications.close();
  }
}

/**
 * Two concurrent retries of the same 'any' append both pass the function's id check; the one that
 * loses the race hits the unique key, and run again it is recognised as a retry.
 */
async function retryDuplicate<T>(append: () => Promise<T>): Promise<T> {
  try {
    return await append();
  } catch (error) {
    if (!isDuplicateEventId(error)) throw error;
    return append();
  }
}
