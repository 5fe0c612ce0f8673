// Every projection and read-model entity, in one list.
import { UserRow, userProjection } from '@blue-ocean/identity';
import { MembershipRow, OrganizationRow, SiteRow, organizationProjection } from '@blue-ocean/organizations';
import { PlacementRow, ShiftPostingRow, marketplaceProjection } from '@blue-ocean/marketplace';
import type { Projection } from '@blue-ocean/persistence';
import { HealthFactRow, LendingOfferRow, WorkerRow, workerProjection } from '@blue-ocean/workforce';

export const allProjections: Projection[] = [userProjection, organizationProjection, workerProjection, marketplaceProjection];

export const allEntities = [UserRow, OrganizationRow, SiteRow, MembershipRow, WorkerRow, HealthFactRow, LendingOfferRow, ShiftPostingRow, PlacementRow];
