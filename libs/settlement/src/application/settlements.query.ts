import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { Caller, decodeCursor, PageInfo, pageSize, toPage } from '@blue-ocean/api';
import { Forbidden, InvalidInput, isUuid, NotFound } from '@blue-ocean/kernel';
import { PlacementRow } from '@blue-ocean/marketplace';
import { Organizations } from '@blue-ocean/organizations';
import { Workers } from '@blue-ocean/workforce';
import { DAY_DONE_STATUSES, EARNING_STATUSES, EarningsSummary, summarizeEarnings } from '../domain';
import { LedgerEntryRow, SettlementLineRow, SettlementRow } from '../projections/settlement.entities';

export interface SettlementPage {
  rows: SettlementRow[];
  pageInfo: PageInfo;
  totalCount: number;
}

export interface SettlementLineWithPlacement {
  line: SettlementLineRow;
  placement: PlacementRow;
}

const DEFAULT_CURRENCY = 'CNY';

/**
 * Reads of settlements, the ledger and earnings, with the visibility rules of API-RULES.md.
 * Placements are read from the marketplace's read model (the exported PlacementRow), which
 * already projects each placement's status, business date and wage from the same events.
 */
@Injectable()
export class Settlements {
  /** One wage loader per GraphQL request (keyed by its context), so a list of placements costs one query. */
  private readonly wageLoaders = new WeakMap<object, DataLoader<string, PlacementRow['wage']>>();
  private readonly lineLoaders = new WeakMap<object, DataLoader<string, SettlementLineWithPlacement[]>>();

  constructor(
    private readonly db: DataSource,
    private readonly organizations: Organizations,
    private readonly workers: Workers,
  ) {}

  /** Visible to the members of its retailer and of its lender; NOT_FOUND for anyone else. */
  async visibleTo(caller: Caller, id: string): Promise<SettlementRow> {
    const row = isUuid(id) ? await this.db.getRepository(SettlementRow).findOneBy({ id }) : null;
    if (!row) throw new NotFound('Settlement');
    if (await this.organizations.roleOf(caller.userId, row.retailerId)) return row;
    if (await this.organizations.roleOf(caller.userId, row.lenderId)) return row;
    throw new NotFound('Settlement');
  }

  /** The organization's settlements (as retailer or as lender), oldest first; its members only. */
  async ofOrganization(
    caller: Caller,
    organizationId: string,
    status: string[] | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<SettlementPage> {
    await this.requireMember(caller, organizationId, 'settlements');
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const query = this.db
      .getRepository(SettlementRow)
      .createQueryBuilder('s')
      .where('(s.retailerId = :id OR s.lenderId = :id)', { id: organizationId });
    if (status?.length) query.andWhere('s.status IN (:...status)', { status });
    const totalCount = await query.getCount();
    if (cursor) query.andWhere('(s.createdAt, s.id) > (:at, :cid)', { at: cursor.createdAt, cid: cursor.id });
    const rows = await query.orderBy('s.createdAt', 'ASC').addOrderBy('s.id', 'ASC').limit(size + 1).getMany();
    return { ...toPage(rows, size), totalCount };
  }

  /** A settlement's lines in the order they were added, with their placements; batched per request. */
  linesOf(settlementId: string, context: object): Promise<SettlementLineWithPlacement[]> {
    let loader = this.lineLoaders.get(context);
    if (!loader) {
      loader = new DataLoader((ids: readonly string[]) => this.linesOfMany(ids), { cache: false });
      this.lineLoaders.set(context, loader);
    }
    return loader.load(settlementId);
  }

  private async linesOfMany(settlementIds: readonly string[]): Promise<SettlementLineWithPlacement[][]> {
    const lines = await this.db.getRepository(SettlementLineRow).find({ where: { settlementId: In([...settlementIds]) }, order: { seq: 'ASC' } });
    const placementIds = [...new Set(lines.map((line) => line.placementId))];
    const placements = placementIds.length ? await this.db.getRepository(PlacementRow).findBy({ id: In(placementIds) }) : [];
    const byId = new Map(placements.map((placement) => [placement.id, placement]));
    return settlementIds.map((id) =>
      lines.filter((line) => line.settlementId === id && byId.has(line.placementId)).map((line) => ({ line, placement: byId.get(line.placementId)! })),
    );
  }

  /**
   * The organization's own accounts (its retailer payable and lender receivable), in posting
   * order; `after` is the id of the last entry already read.
   */
  async ledger(caller: Caller, organizationId: string, first: number, after: string | null | undefined): Promise<LedgerEntryRow[]> {
    await this.requireMember(caller, organizationId, 'ledger');
    const size = pageSize(first);
    const repository = this.db.getRepository(LedgerEntryRow);
    const query = repository.createQueryBuilder('e').where('e.ownerId = :id', { id: organizationId });
    if (after !== null && after !== undefined) {
      const from = isUuid(after) ? await repository.findOneBy({ id: after, ownerId: organizationId }) : null;
      if (!from) throw new InvalidInput('after', 'after must be the id of an entry of this ledger.');
      query.andWhere('e.seq > :seq', { seq: from.seq });
    }
    return query.orderBy('e.seq', 'ASC').limit(size).getMany();
  }

  /**
   * The worker's APPROVED, DISPUTED and SETTLED placements with a business date in [from, until];
   * the worker or the employer's members. One summary has one currency: the worker's most used.
   */
  async earnings(caller: Caller, workerId: string, from: string, until: string): Promise<EarningsSummary> {
    const worker = await this.workers.visibleTo(caller, workerId);
    const allowed = worker.userId === caller.userId || (await this.organizations.roleOf(caller.userId, worker.employerId));
    if (!allowed) throw new Forbidden("Only the worker or the employer's members may see the worker's earnings.");
    if (until < from) throw new InvalidInput('until', 'until must not be before from.');
    const rows = await this.db
      .getRepository(PlacementRow)
      .createQueryBuilder('p')
      .where('p.workerId = :workerId', { workerId })
      .andWhere('p.status IN (:...statuses)', { statuses: EARNING_STATUSES })
      .andWhere('p.businessDate BETWEEN :from AND :until', { from, until })
      .getMany();
    const placements = rows.map((row) => ({
      status: row.status,
      businessDate: row.businessDate ?? '',
      approvedMinutes: row.approvedMinutes,
      grossPay: row.wage?.grossPay ?? null,
      currency: row.wage?.currency ?? row.currency,
    }));
    return summarizeEarnings(placements, { from, until, currency: mostUsedCurrency(placements.map((p) => p.currency)) });
  }

  /** The wage of an approved placement (null before approval), batched per request. */
  wageOf(placementId: string, context: object): Promise<PlacementRow['wage']> {
    let loader = this.wageLoaders.get(context);
    if (!loader) {
      loader = new DataLoader(
        async (ids: readonly string[]) => {
          const rows = await this.db.getRepository(PlacementRow).find({ select: { id: true, wage: true }, where: { id: In([...ids]) } });
          const wages = new Map(rows.map((row) => [row.id, row.wage]));
          return ids.map((id) => wages.get(id) ?? null);
        },
        { cache: false }, // batch only: a later mutation in the same request may change the wage
      );
      this.wageLoaders.set(context, loader);
    }
    return loader.load(placementId);
  }

  /**
   * How many placements of the settlement's day (same retailer, lender and currency, started
   * on its business date in their site's time zone) can still bring or change a line.
   */
  async placementsNotDone(day: { retailerId: string; lenderId: string; businessDate: string; currency: string }): Promise<number> {
    const [{ count }] = await this.db.query(
      `SELECT count(*)::int AS count
         FROM placements p JOIN shift_postings s ON s.id = p.shift_id
        WHERE p.retailer_id = $1 AND p.lender_id = $2 AND p.currency = $4
          AND to_char(p.starts_at AT TIME ZONE s.site_time_zone, 'YYYY-MM-DD') = $3
          AND p.status <> ALL ($5::text[])`,
      [day.retailerId, day.lenderId, day.businessDate, day.currency, DAY_DONE_STATUSES],
    );
    return count;
  }

  private async requireMember(caller: Caller, organizationId: string, what: string): Promise<void> {
    if (isUuid(organizationId) && (await this.organizations.roleOf(caller.userId, organizationId))) return;
    if (isUuid(organizationId)) await this.organizations.byId(organizationId); // NOT_FOUND when there is no such organization
    else throw new NotFound('Organization');
    throw new Forbidden(`Only the organization's members may read its ${what}.`);
  }
}

function mostUsedCurrency(currencies: string[]): string {
  const counts = new Map<string, number>();
  for (const currency of currencies) counts.set(currency, (counts.get(currency) ?? 0) + 1);
  const ranked = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  return ranked[0]?.[0] ?? DEFAULT_CURRENCY;
}
