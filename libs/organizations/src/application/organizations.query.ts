import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { isUuid, LruCache, NotFound } from '@blue-ocean/kernel';
import type { Caller } from '@blue-ocean/api';
import { MembershipRow, OrganizationRow, SiteRow } from '../projections/organization.entities';

/** Reads of organizations, sites and memberships, with the visibility rules of API-RULES.md. */
@Injectable()
export class Organizations {
  /** Sites never change once added, so a site read once is kept (bookings ask for one each). */
  private readonly sites = new LruCache<string, SiteRow>(10_000);

  constructor(private readonly db: DataSource) {}

  /**
   * Visible to every signed-in user once verified; before that only to its members and
   * platform admins (a pending organization appears on no other organization's screen).
   */
  async visibleTo(caller: Caller, id: string): Promise<OrganizationRow> {
    const row = isUuid(id) ? await this.db.getRepository(OrganizationRow).findOneBy({ id }) : null;
    if (!row) throw new NotFound('Organization');
    if (row.verification === 'VERIFIED' || caller.isPlatformAdmin) return row;
    if (await this.roleOf(caller.userId, id)) return row;
    throw new NotFound('Organization');
  }

  /** Without visibility rules: for callers that may already see it through another object (a worker's employer). */
  async byId(id: string): Promise<OrganizationRow> {
    const row = isUuid(id) ? await this.db.getRepository(OrganizationRow).findOneBy({ id }) : null;
    if (!row) throw new NotFound('Organization');
    return row;
  }

  byIds(ids: readonly string[]): Promise<OrganizationRow[]> {
    return this.db.getRepository(OrganizationRow).findBy({ id: In([...ids]) });
  }

  sitesOf(organizationId: string): Promise<SiteRow[]> {
    return this.db.getRepository(SiteRow).find({ where: { organizationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async site(id: string): Promise<SiteRow> {
    const known = this.sites.get(id);
    if (known) return known;
    const row = isUuid(id) ? await this.db.getRepository(SiteRow).findOneBy({ id }) : null;
    if (!row) throw new NotFound('Site');
    this.sites.set(id, row);
    return row;
  }

  membershipsOf(userId: string): Promise<MembershipRow[]> {
    return this.db.getRepository(MembershipRow).find({ where: { userId }, order: { createdAt: 'ASC' } });
  }

  async roleOf(userId: string, organizationId: string): Promise<string | null> {
    const row = await this.db.getRepository(MembershipRow).findOneBy({ userId, organizationId });
    return row?.role ?? null;
  }
}

