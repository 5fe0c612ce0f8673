import type { RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port';

export interface PollingOptions extends SubscribeOptions {
  /** Reads the next batch of the global log strictly after `after`. */
  readBatch(after: string | undefined, batchSize: number): Promise<RecordedEvent[]>;
  batchSize: number;
  /** Re-reads at least this often, even without a wake-up. */
  pollIntervalMs: number;
}

/**
 * Delivers the global log to one handler, one event at a time, by reading batches after its
 * checkpoint. `wake()` (after an append or a NOTIFY) makes it read at once; otherwise it reads again
 * after `pollIntervalMs` - which is also how an event whose transaction committed late is picked up.
 *
 * Errors go to `onError`: a failed read is retried at the next poll; a failed handler stops the
 * subscription (skipping the event would break "every event once"): resume from your checkpoint.
 */
export class PollingSubscription implements Subscription {
  private closed = false;
  private woken = false;
  private endSleep: (() => void) | undefined;
  private readonly running: Promise<void>;

  constructor(private readonly options: PollingOptions) {
    this.running = this.run();
  }

  wake(): void {
    this.woken = true;
    this.endSleep?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
    await this.running;
  }

  private async run(): Promise<void> {
    const { readBatch, batchSize, onEvent } = this.options;
    let checkpoint = this.options.after;
    while (!this.closed) {
      let batch: RecordedEvent[];
      try {
        batch = await readBatch(checkpoint, batchSize);
      } catch (error) {
        this.report(error);
        await this.sleep();
        continue;
      }
      for (const event of batch) {
        if (this.closed) return;
        try {
          await onEvent(event);
        } catch (error) {
          this.closed = true;
          this.report(error);
          return;
        }
        checkpoint = event.position;
      }
      if (batch.length < batchSize) await this.sleep();
    }
  }

  /** Resolves after the poll interval, or at once if woken since the last sleep. */
  private sleep(): Promise<void> {
    if (this.woken || this.closed) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.endSleep?.(), this.options.pollIntervalMs);
      this.endSleep = () => {
        clearTimeout(timer);
        this.endSleep = undefined;
        this.woken = false;
        resolve();
      };
    });
  }

  private report(error: unknown): void {
    this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
  }
}
