import type { Pool, PoolClient } from 'pg';

const CHANNEL = 'event_store_appended';
const RELISTEN_DELAY_MS = 1000;
/** Appends within this window share one NOTIFY: other processes hear of them at most this late. */
const NOTIFY_INTERVAL_MS = 25;

/**
 * Wake-ups for the subscriptions of one store. NOTIFY is only a wake-up, never the data: subscriptions
 * always re-read the log, and also poll on a timer (a late commit becomes readable without any notice).
 *
 * - A local append wakes this process's subscriptions directly and sends one NOTIFY for the others.
 *   The NOTIFY runs after the append committed, in its own statement: inside the append's transaction
 *   it would take PostgreSQL's global notify lock at every commit and serialise concurrent writers.
 *   Appends share NOTIFYs: at most one per NOTIFY_INTERVAL_MS, which keeps their cost negligible.
 * - One pooled connection LISTENs while this store has subscriptions; if it fails, subscriptions
 *   go on polling and it is re-established after a short delay.
 */
export class AppendNotifications {
  private readonly subscribers = new Set<() => void>();
  private listener: PoolClient | undefined;
  private connecting: Promise<void> | undefined;
  private relistenTimer: NodeJS.Timeout | undefined;
  private notifyTimer: NodeJS.Timeout | undefined;
  private lastNotifyAt = 0;
  private notifying: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly pool: Pool) {}

  /** Calls `wake` on every append, here or in another process, until the returned function is called. */
  subscribe(wake: () => void): () => void {
    this.subscribers.add(wake);
    this.listen();
    return () => {
      this.subscribers.delete(wake);
      if (this.subscribers.size === 0) void this.unlisten();
    };
  }

  /** Call after an append committed. */
  appended(): void {
    this.wakeAll();
    if (this.closed || this.notifyTimer) return;
    const wait = this.lastNotifyAt + NOTIFY_INTERVAL_MS - Date.now();
    this.notifyTimer = setTimeout(() => this.notify(), Math.max(0, wait));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscribers.clear();
    if (this.notifyTimer) this.notify(); // send the pending one now
    await this.notifying;
    await this.unlisten();
  }

  private notify(): void {
    clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
    this.lastNotifyAt = Date.now();
    const sent = this.pool
      .query(`NOTIFY ${CHANNEL}`)
      .then(() => undefined, () => undefined) // a lost wake-up only delays readers until their next poll
      .finally(() => {
        if (this.notifying === sent) this.notifying = undefined;
      });
    this.notifying = sent;
  }

  private wakeAll(): void {
    for (const wake of this.subscribers) wake();
  }

  private listen(): void {
    if (this.closed || this.listener || this.connecting || this.subscribers.size === 0) return;
    this.connecting = this.connect().finally(() => (this.connecting = undefined));
  }

  private async connect(): Promise<void> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch {
      this.scheduleRelisten();
      return;
    }
    client.on('notification', this.onNotification);
    client.on('error', this.onError);
    try {
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      this.release(client, error as Error);
      this.scheduleRelisten();
      return;
    }
    if (this.closed || this.subscribers.size === 0) {
      await this.unlistenAndRelease(client);
      return;
    }
    this.listener = client;
    this.wakeAll(); // appends made while we were not listening
  }

  private readonly onNotification = () => this.wakeAll();

  private readonly onError = (error: Error) => {
    const client = this.listener;
    if (!client) return;
    this.listener = undefined;
    this.release(client, error);
    this.scheduleRelisten();
  };

  private scheduleRelisten(): void {
    if (this.closed || this.relistenTimer) return;
    this.relistenTimer = setTimeout(() => {
      this.relistenTimer = undefined;
      this.listen();
    }, RELISTEN_DELAY_MS);
  }

  private async unlisten(): Promise<void> {
    clearTimeout(this.relistenTimer);
    this.relistenTimer = undefined;
    if (this.connecting) await this.connecting;
    if (this.subscribers.size > 0 && !this.closed) return; // subscribed again meanwhile
    const client = this.listener;
    if (!client) return;
    this.listener = undefined;
    await this.unlistenAndRelease(client);
  }

  private async unlistenAndRelease(client: PoolClient): Promise<void> {
    try {
      await client.query(`UNLISTEN ${CHANNEL}`);
      this.release(client);
    } catch (error) {
      this.release(client, error as Error);
    }
  }

  /** With an error, the pool destroys the connection instead of reusing it. */
  private release(client: PoolClient, error?: Error): void {
    client.removeListener('notification', this.onNotification);
    client.removeListener('error', this.onError);
    client.release(error);
  }
}
