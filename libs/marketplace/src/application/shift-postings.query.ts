import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, decodeCursor, PageInfo, pageSize, toPage } from '@blue-ocean/api';
import { isUuid, NotFound } from '@blue-ocean/kernel';
import { ShiftPostingRow } from '../projections/marketplace.entities';
import { Parties } from './parties';

export interface ShiftPostingPage {
  rows: ShiftPostingRow[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Reads of shift postings: visible to every signed-in user; lists per retailer to its members. */
@Injectable()
export class ShiftPostings {
  constructor(
    private readonly db: DataSource,
    private readonly parties: Parties,
  ) {}

  async byId(id: string): Promise<ShiftPostingRow> {
    const row = isUuid(id) ? await this.db.getRepository(ShiftPostingRow).findOneBy({ id }) : null;
    if (!row) throw new NotFound('Shift posting');
    return row;
  }

  /** The retailer's postings, oldest first, optionally by status (retailer members only). */
  async ofRetailer(caller: Caller, retailerId: string, status: string[] | null | undefined, first: number, after: string | null | undefined): Promise<ShiftPostingPage> {
    if (!isUuid(retailerId)) throw new NotFound('Organization');
    await this.parties.requireRetailerMember(caller, retailerId);
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const query = this.db.getRepository(ShiftPostingRow).createQueryBuilder('s').where('s.retailerId = :retailerId', { retailerId });
    if (status?.length) query.andWhere('s.status IN (:...status)', { status });
    const totalCount = await query.getCount();
    if (cursor) query.andWhere('(s.createdAt, s.id) > (:at, :id)', { at: cursor.createdAt, id: cursor.id });
    const rows = await query.orderBy('s.createdAt', 'ASC').addOrderBy('s.id', 'ASC').limit(size + 1).getMany();
    return { ...toPage(rows, size), totalCount };
  }
}
