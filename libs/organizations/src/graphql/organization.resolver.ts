import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { Caller, CurrentCaller } from '@blue-ocean/api';
import { IdempotencyStore } from '@blue-ocean/persistence';
import { AddMember, AddSite, RegisterOrganization, VerifyOrganization } from '../application/organization-commands';
import { Organizations } from '../application/organizations.query';
import { OrganizationRow, SiteRow } from '../projections/organization.entities';
import {
  AddSiteInput,
  MemberRole,
  MembershipType,
  OrganizationType,
  RegisterOrganizationInput,
  SiteType,
} from './organization.types';

export function toOrganization(row: OrganizationRow): OrganizationType {
  return { ...row, kinds: row.kinds as OrganizationType['kinds'], industry: row.industry as OrganizationType['industry'], verification: row.verification as OrganizationType['verification'] };
}

export function toSite(row: SiteRow): SiteType {
  return { id: row.id, organizationId: row.organizationId, name: row.name, address: row.address, location: { lat: row.lat, lng: row.lng }, checkInRadiusMeters: row.checkInRadiusMeters };
}

@Resolver(() => OrganizationType)
export class OrganizationResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly organizations: Organizations,
    private readonly idempotency: IdempotencyStore,
  ) {}

  @Query(() => OrganizationType, { nullable: true })
  async organization(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<OrganizationType> {
    return toOrganization(await this.organizations.visibleTo(caller, id));
  }

  @Mutation(() => OrganizationType)
  async registerOrganization(@CurrentCaller() caller: Caller, @Args('input') input: RegisterOrganizationInput): Promise<OrganizationType> {
    const { idempotencyKey, ...fields } = input;
    const id = await this.idempotency.run(caller.userId, idempotencyKey, 'registerOrganization', fields, () =>
      this.commands.execute<RegisterOrganization, string>(new RegisterOrganization(caller, fields)),
    );
    return toOrganization(await this.organizations.visibleTo(caller, id));
  }

  @Mutation(() => OrganizationType, { description: 'Platform admins approve or reject a newly registered organization.' })
  async verifyOrganization(
    @CurrentCaller() caller: Caller,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('approve') approve: boolean,
    @Args('note', { nullable: true }) note?: string,
  ): Promise<OrganizationType> {
    await this.organizations.visibleTo(caller, organizationId);
    await this.commands.execute(new VerifyOrganization(caller, organizationId, approve, note ?? null));
    return toOrganization(await this.organizations.visibleTo(caller, organizationId));
  }

  @Mutation(() => SiteType)
  async addSite(@CurrentCaller() caller: Caller, @Args('input') input: AddSiteInput): Promise<SiteType> {
    const { idempotencyKey, ...fields } = input;
    await this.organizations.visibleTo(caller, fields.organizationId);
    const siteId = await this.idempotency.run(caller.userId, idempotencyKey, 'addSite', fields, () =>
      this.commands.execute<AddSite, string>(new AddSite(caller, fields)),
    );
    return toSite(await this.organizations.site(siteId));
  }

  @Mutation(() => MembershipType, { description: 'An admin adds another user (by email) to the organization.' })
  async addMember(
    @CurrentCaller() caller: Caller,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('email') email: string,
    @Args('role', { type: () => MemberRole }) role: MemberRole,
  ): Promise<MembershipType> {
    await this.organizations.visibleTo(caller, organizationId);
    await this.commands.execute(new AddMember(caller, organizationId, email, role));
    return { organizationId, role };
  }

  @ResolveField(() => [SiteType])
  async sites(@Parent() organization: OrganizationType): Promise<SiteType[]> {
    return (await this.organizations.sitesOf(organization.id)).map(toSite);
  }
}
