import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Caller, decodeCursor, PageInfo, pageSize, toPage } from '@blue-ocean/api';
import { Forbidden, isUuid, NotFound } from '@blue-ocean/kernel';
import { Organizations } from '@blue-ocean/organizations';
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
export class Placements {
  constructor(
    private readonly db: DataSource,
    private readonly parties: Parties,
    private readonly organizations: Organizations,
  ) {}

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

  ofWorker(workerId: string, status: string[] | null | undefined, first: number, after: string | null | undefined): Promise<PlacementPage> {
    return this.page({ column: 'worker', value: workerId }, status, first, after);
  }

  private async page(
    owner: { column: 'organization' | 'worker'; value: string },
    status: string[] | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<PlacementPage> {
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const query = this.db.getRepository(PlacementRow).createQueryBuilder('p');
    if (owner.column === 'worker') query.where('p.workerId = :id', { id: owner.value });
    else query.where('(p.lenderId = :id OR p.retailerId = :id)', { id: owner.value });
    if (status?.length) query.andWhere('p.status IN (:...status)', { status });
    const totalCount = await query.getCount();
    if (cursor) query.andWhere('(p.createdAt, p.id) > (:at, :cid)', { at: cursor.createdAt, cid: cursor.id });
    const rows = await query.orderBy('p.createdAt', 'ASC').addOrderBy('p.id', 'ASC').limit(size + 1).getMany();
    return { ...toPage(rows, size), totalCount };
  }
}
