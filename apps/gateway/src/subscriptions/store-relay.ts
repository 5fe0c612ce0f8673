import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_STORE, EventStore, RecordedEvent, Subscription } from '@blue-ocean/event-store';
import { PlacementRow, ShiftPostings } from '@blue-ocean/marketplace';
import { Organizations } from '@blue-ocean/organizations';
import { ProjectionRunner } from '@blue-ocean/persistence';
import { LiveFeed } from './live-feed';

/** Events after which a placement's row has changed: each becomes a `placementChanged`. */
export const PLACEMENT_CHANGES: ReadonlySet<string> = new Set([
  'WorkerInvited',
  'WorkerPlaced',
  'PlacementApproved',
  'PlacementRejected',
  'PlacementExpired',
  'InvitationDeclined',
  'InvitationExpired',
  'PlacementCancelled',
  'WorkerCheckedIn',
  'WorkerCheckedOut',
  'PlacementNoShow',
  'TimesheetApproved',
  'TimesheetDisputed',
  'PlacementSettled',
]);

const HEAD_BATCH = 1000;
const RESUBSCRIBE_MS = 1000;

/**
 * The gateway's bridge from the event store to its GraphQL subscribers. Every gateway process
 * runs one: it follows the global log from the head it found at start, so a change written
 * through any gateway (or by the processor's timers) reaches the subscribers of all of them.
 * The @nestjs/cqrs EventBus would only see this process's own commands.
 *
 * Nothing here is durable, on purpose: a subscriber only wants what happens while it listens.
 * Before reading an event's row it waits until the read models include the event (in a gateway
 * without projections `passed()` polls the stored checkpoint).
 */
@Injectable()
export class StoreRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Subscriptions');
  private subscription: Subscription | null = null;
  private lastSeen: string | undefined;
  private stopping = false;
  private retry: NodeJS.Timeout | null = null;
  private markStopped!: () => void;
  private readonly stopped = new Promise<false>((resolve) => (this.markStopped = () => resolve(false)));

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
    private readonly db: DataSource,
    private readonly postings: ShiftPostings,
    private readonly organizations: Organizations,
    private readonly feed: LiveFeed,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.lastSeen = await this.head();
    this.follow();
  }

  /** Closes the store subscription before the store and the database close (onApplicationShutdown). */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.markStopped();
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.close();
  }

  /**
   * The position of the last event readable now. The read models' checkpoint is a safe place to
   * start looking (nothing after the head can be behind it); from there `readAll` pages forward.
   */
  private async head(): Promise<string | undefined> {
    let head = await this.readModelCheckpoint();
    for (;;) {
      const batch = await this.store.readAll({ after: head, maxCount: HEAD_BATCH });
      if (batch.length === 0) return head;
      head = batch[batch.length - 1].position;
    }
  }

  private async readModelCheckpoint(): Promise<string | undefined> {
    try {
      const rows: { position: string }[] = await this.db.query('SELECT position FROM projection_checkpoints WHERE name = $1', [this.projections.name]);
      return rows[0]?.position ?? undefined;
    } catch {
      return undefined;
    }
  }

  private follow(): void {
    if (this.stopping) return;
    this.subscription = this.store.subscribeToAll({
      after: this.lastSeen,
      onEvent: async (event) => {
        await this.relay(event);
        this.lastSeen = event.position;
      },
      // The PostgreSQL store retries failed reads itself; a dropped KurrentDB subscription ends.
      // Either way: start again from the last event relayed, once.
      onError: (error) => {
        this.logger.warn(`The store subscription failed (${error.message}); following again from the last event relayed.`);
        this.restart();
      },
    });
  }

  private restart(): void {
    const failed = this.subscription;
    if (!failed || this.stopping) return;
    this.subscription = null;
    void failed
      .close()
      .catch(() => undefined)
      .then(() => {
        if (this.stopping) return;
        this.retry = setTimeout(() => {
          this.retry = null;
          this.follow();
        }, RESUBSCRIBE_MS);
      });
  }

  /** Never throws: a failed handler would stop the store subscription. */
  private async relay(event: RecordedEvent): Promise<void> {
    try {
      if (PLACEMENT_CHANGES.has(event.type)) {
        if (!this.feed.listening('placementChanged')) return;
        const placementId = event.data.placementId;
        if (typeof placementId !== 'string') return;
        await this.caughtUp(event.position);
        if (this.stopping) return;
        const row = await this.db.getRepository(PlacementRow).findOneBy({ id: placementId });
        if (row) this.feed.publish('placementChanged', row);
      } else if (event.type === 'ShiftPosted') {
        if (!this.feed.listening('shiftOffered')) return;
        const shiftId = event.data.shiftId;
        if (typeof shiftId !== 'string') return;
        await this.caughtUp(event.position);
        if (this.stopping) return;
        const row = await this.postings.byId(shiftId);
        const retailer = await this.organizations.byId(row.retailerId);
        if (retailer.verification !== 'VERIFIED') return;
        const site = await this.organizations.site(row.siteId);
        this.feed.publish('shiftOffered', {
          row,
          terms: { role: row.role, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(), hourlyRate: row.hourlyRate },
          site: { lat: site.lat, lng: site.lng },
        });
      }
    } catch (error) {
      if (this.stopping) return;
      this.logger.error(`Could not relay ${event.type} at ${event.position}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Until the read models include `position` (bounded by passed()'s own timeout), or shutdown. */
  private async caughtUp(position: string): Promise<void> {
    const passed = this.projections.passed(position).catch(() => false);
    const reached = await Promise.race([passed, this.stopped]);
    if (!reached && !this.stopping) this.logger.warn(`The read models are behind ${position}; relaying what they show.`);
  }
}
