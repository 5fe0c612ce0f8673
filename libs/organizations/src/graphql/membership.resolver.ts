import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, CurrentCaller } from '@blue-ocean/api';
import { UserType } from '@blue-ocean/identity';
import { Organizations } from '../application/organizations.query';
import { MemberRole, MembershipType, OrganizationType, SiteType } from './organization.types';
import { toOrganization } from './organization.resolver';

/** Memberships belong to organizations: this adds `User.memberships` and `Membership.organization`. */
@Resolver(() => MembershipType)
export class MembershipResolver {
  constructor(private readonly organizations: Organizations) {}

  @ResolveField(() => OrganizationType)
  async organization(@CurrentCaller() caller: Caller, @Parent() membership: MembershipType): Promise<OrganizationType> {
    return toOrganization(await this.organizations.visibleTo(caller, membership.organizationId));
  }
}

@Resolver(() => UserType)
export class UserMembershipsResolver {
  constructor(private readonly organizations: Organizations) {}

  @ResolveField(() => [MembershipType])
  async memberships(@Parent() user: UserType): Promise<MembershipType[]> {
    const rows = await this.organizations.membershipsOf(user.id);
    return rows.map((row) => ({ organizationId: row.organizationId, role: row.role as MemberRole }));
  }
}

@Resolver(() => SiteType)
export class SiteResolver {
  constructor(private readonly organizations: Organizations) {}

  @ResolveField(() => OrganizationType)
  async organization(@CurrentCaller() caller: Caller, @Parent() site: SiteType): Promise<OrganizationType> {
    return toOrganization(await this.organizations.visibleTo(caller, site.organizationId));
  }
}
