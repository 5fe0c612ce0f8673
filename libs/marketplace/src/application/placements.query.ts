import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Caller, decodeCursor, PageInfo, pageSize, toPage } from '@blue-ocean/api';
import { Forbidden, isUuid, NotFound } from '@blue-ocean/kernel';
import { Organizations } from '@blue-ocean/organizations';
import { Workers } from '@blue-ocean/workforce';
import { PlacementRow } from '../projections/marketplace.entities';
import { Parties } from './parties';

export interface PlacementPage {
  rows: PlacementRow[];
  pageInfo: PageInfo;
  totalCount: number;
}

const LIVE = ['INVITED', 'PENDING_LENDER', 'CONFIRMED'];

/** Reads of placements: visible to the worker, the lender's and the retailer's members. */
@Injectable()
export class Placements implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly parties: Parties,
    private readonly organizations: Organizations,
    private readonly workers: Workers,
  ) {}

  /**
   * API-RULES.md, "Reads": a worker is visible to members of a retailer that has a placement with
   * the worker. (Only the candidate half of that rule was registered, by MarketSearch: the
   * permission matrix found a retailer's members refused the worker they had booked.)
   */
  onModuleInit(): void {
    this.workers.alsoVisibleWhen((caller, worker) => this.atRetailerOf(caller, worker.id));
  }

  /** Whether the worker has a placement (in any state) at a retailer the caller is a member of. */
  async atRetailerOf(caller: Caller, workerId: string): Promise<boolean> {
    const retailerIds = await this.organizationsOf(caller);
    if (!retailerIds.length) return false;
    return this.db.getRepository(PlacementRow).existsBy({ workerId, retailerId: In(retailerIds) });
  }

  /** The organizations the caller is a member of. */
  async organizationsOf(caller: Caller): Promise<string[]> {
    return (await this.organizations.membershipsOf(caller.userId)).map((m) => m.organizationId);
  }

  async visibleTo(caller: Caller, id: string): Promise<PlacementRow> {
    const row = isUuid(id) ? await this.db.getRepository(PlacementRow).findOneBy({ id }) : null;
    if (!row) throw new NotFound('Placement');
    if (caller.isPlatformAdmin) return row;
    await this.parties.requireSide(caller, row);
    return row;
  }

  /** Placements that still hold or may take a slot on the posting (for cancelShift). */
  liveOnShift(shiftId: string): Promise<PlacementRow[]> {
    return this.db.getRepository(PlacementRow).find({ where: { shiftId, status: In(LIVE) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async liveFor(shiftId: string, workerId: string): Promise<PlacementRow | null> {
    return this.db.getRepository(PlacementRow).findOne({ where: { shiftId, workerId, status: In(LIVE) } });
  }

  onShift(shiftId: string): Promise<PlacementRow[]> {
    return this.db.getRepository(PlacementRow).find({ where: { shiftId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** A lender's staff's placements (lender members) or those at a retailer's sites (retailer members). */
  async ofOrganization(caller: Caller, organizationId: string, status: string[] | null | undefined, first: number, after: string | null | undefined): Promise<PlacementPage> {
    if (!isUuid(organizationId) || !(await this.organizations.roleOf(caller.userId, organizationId))) {
      if (isUuid(organizationId)) await this.organizations.byId(organizationId);
      throw new Forbidden("Only the organization's members may list its placements.");
    }
    return this.page({ column: 'organization', value: organizationId }, status, first, after);
  }

  /** `atRetailers`: only the placements at these retailers (for a caller who sees the worker as a retailer's member). */
  ofWorker(workerId: string, status: string[] | null | undefined, first: number, after: string | null | undefined, atRetailers: string[] | null = null): Promise<PlacementPage> {
    return this.page({ column: 'worker', value: workerId }, status, first, after, atRetailers);
  }

  private async page(
    owner: { column: 'organization' | 'worker'; value: string },
    status: string[] | null | undefined,
    first: number,
    after: string | null | undefined,
    atRetailers: string[] | null = null,
  ): Promise<PlacementPage> {
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const query = this.db.getRepository(PlacementRow).createQueryBuilder('p');
    if (owner.column === 'worker') query.where('p.workerId = :id', { id: owner.value });
    else query.where('(p.lenderId = :id OR p.retailerId = :id)', { id: owner.value });
    if (atRetailers) query.andWhere(atRetailers.length ? 'p.retailerId IN (:...atRetailers)' : 'FALSE', { atRetailers });
    if (status?.length) query.andWhere('p.status IN (:...status)', { status });
    const totalCount = await query.getCount();
    if (cursor) query.andWhere('(p.createdAt, p.id) > (:at, :cid)', { at: cursor.createdAt, cid: cursor.id });
    const rows = await query.orderBy('p.createdAt', 'ASC').addOrderBy('p.id', 'ASC').limit(size + 1).getMany();
    return { ...toPage(rows, size), totalCount };
  }
}
