export * from './organizations.module';
export * from './application/organizations.query';
export * from './graphql/organization.types';
export { toOrganization, toSite } from './graphql/organization.resolver';
export { organizationProjection } from './projections/organization.projection';
export { MembershipRow, OrganizationRow, SiteRow } from './projections/organization.entities';
export { organization } from './domain/organization.decider';
export { organizationStream } from './domain/streams';
