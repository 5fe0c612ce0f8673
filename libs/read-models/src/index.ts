// Every projection and read-model entity, in one list, for the apps that run or query them.
import { UserRow, userProjection } from '@blue-ocean/identity';
import { MembershipRow, OrganizationRow, SiteRow, organizationProjection } from '@blue-ocean/organizations';
import type { Projection } from '@blue-ocean/persistence';
import { HealthFactRow, LendingOfferRow, WorkerRow, workerProjection } from '@blue-ocean/workforce';

export const allProjections: Projection[] = [userProjection, organizationProjection, workerProjection];

export const allEntities = [UserRow, OrganizationRow, SiteRow, MembershipRow, WorkerRow, HealthFactRow, LendingOfferRow];
