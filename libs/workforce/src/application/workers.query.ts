import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Caller, decodeCursor, type DomainEventType, type PageInfo, pageSize, readHistory, toPage } from '@blue-ocean/api';
import { EVENT_STORE, type EventStore } from '@blue-ocean/event-store';
import { isUuid, NotFound } from '@blue-ocean/kernel';
import { Organizations } from '@blue-ocean/organizations';
import { WORKER_SECRETS, workerStream } from '../domain/streams';
import { WorkerRow } from '../projections/worker.entities';
import { LenderMembers } from './lender-members';

export interface WorkerPage {
  rows: WorkerRow[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Another module's reason a caller may see a worker (API-RULES.md, "Reads"). */
export type WorkerVisibility = (caller: Caller, worker: WorkerRow) => Promise<boolean>;

/** Reads of workers, with the visibility rules of API-RULES.md. */
@Injectable()
export class Workers {
  private readonly otherVisibility: WorkerVisibility[] = [];

  constructor(
    private readonly db: DataSource,
    private readonly organizations: Organizations,
    private readonly lenders: LenderMembers,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async byId(id: string): Promise<WorkerRow> {
    const row = isUuid(id) ? await this.db.getRepository(WorkerRow).findOneBy({ id }) : null;
    if (!row) throw new NotFound('Worker');
    return row;
  }

  /**
   * Visible to the worker, the employer's members and platform admins; NOT_FOUND for anyone else.
   * Retailers that have a placement with the worker or see them as a candidate are added by
   * the marketplace (`alsoVisibleWhen`).
   */
  async visibleTo(caller: Caller, id: string): Promise<WorkerRow> {
    const row = await this.byId(id);
    if (row.userId === caller.userId || caller.isPlatformAdmin) return row;
    if (await this.organizations.roleOf(caller.userId, row.employerId)) return row;
    for (const visible of this.otherVisibility) if (await visible(caller, row)) return row;
    throw new NotFound('Worker');
  }

  /** Lets another module widen `visibleTo`, registered at start (modules cannot import each other both ways). */
  alsoVisibleWhen(rule: WorkerVisibility): void {
    this.otherVisibility.push(rule);
  }

  /** The profile the user has claimed, if any. */
  ofUser(userId: string): Promise<WorkerRow | null> {
    return this.db.getRepository(WorkerRow).findOneBy({ userId });
  }

  byClaimCodeHash(claimCodeHash: string): Promise<WorkerRow | null> {
    return this.db.getRepository(WorkerRow).findOneBy({ claimCodeHash });
  }

  /** The lender's workers, oldest enrolment first (lender members only). */
  async employedBy(caller: Caller, employerId: string, first: number, after: string | null | undefined): Promise<WorkerPage> {
    await this.lenders.require(caller, employerId);
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const query = this.db.getRepository(WorkerRow).createQueryBuilder('w').where('w.employerId = :employerId', { employerId });
    const totalCount = await query.getCount();
    if (cursor) query.andWhere('(w.createdAt, w.id) > (:createdAt, :id)', cursor);
    const rows = await query.orderBy('w.createdAt', 'ASC').addOrderBy('w.id', 'ASC').limit(size + 1).getMany();
    return { ...toPage(rows, size), totalCount };
  }

  /** The worker's stream, oldest first, without secrets. */
  history(workerId: string): Promise<DomainEventType[]> {
    return readHistory(this.store, workerStream(workerId), WORKER_SECRETS);
  }
}
