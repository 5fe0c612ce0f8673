import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  AddMemberHandler,
  AddSiteHandler,
  OrganizationChanges,
  RegisterOrganizationHandler,
  VerifyOrganizationHandler,
} from './application/organization.handlers';
import { Organizations } from './application/organizations.query';
import { MembershipResolver, SiteResolver, UserMembershipsResolver } from './graphql/membership.resolver';
import { OrganizationResolver } from './graphql/organization.resolver';

/** Organizations (lenders and retailers), their verification, sites and members. */
@Module({
  imports: [CqrsModule],
  providers: [
    Organizations,
    OrganizationChanges,
    RegisterOrganizationHandler,
    VerifyOrganizationHandler,
    AddSiteHandler,
    AddMemberHandler,
    OrganizationResolver,
    MembershipResolver,
    UserMembershipsResolver,
    SiteResolver,
  ],
  exports: [Organizations],
})
export class OrganizationsModule {}
