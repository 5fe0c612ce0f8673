import { Injectable } from '@nestjs/common';
import type { Caller } from '@blue-ocean/api';
import { Forbidden } from '@blue-ocean/kernel';
import { Organizations, type OrganizationRow } from '@blue-ocean/organizations';

/** "Lender members" of API-RULES.md: the ADMINs and STAFF of an organization that lends. */
@Injectable()
export class LenderMembers {
  constructor(private readonly organizations: Organizations) {}

  /** The lender, when the caller is one of its members: NOT_FOUND when the caller may not see it, else FORBIDDEN. */
  async require(caller: Caller, organizationId: string): Promise<OrganizationRow> {
    const organization = await this.organizations.visibleTo(caller, organizationId);
    const role = await this.organizations.roleOf(caller.userId, organization.id);
    if (!role || !organization.kinds.includes('LENDER')) {
      throw new Forbidden("Only the lender's members may do this.");
    }
    return organization;
  }
}
