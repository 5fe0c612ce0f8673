// Every projection and read-model entity, in one list.
import { UserRow, userProjection } from '@blue-ocean/identity';
import { MembershipRow, OrganizationRow, SiteRow, organizationProjection } from '@blue-ocean/organizations';
import { PlacementRow, ShiftPostingRow, marketplaceProjection, searchProjection } from '@blue-ocean/marketplace';
import type { Projection } from '@blue-ocean/persistence';
import { LedgerEntryRow, SettlementLineRow, SettlementRow, settlementProjection } from '@blue-ocean/settlement';
import { HealthFactRow, LendingOfferRow, WorkerRow, workerProjection } from '@blue-ocean/workforce';

export const allProjections: Projection[] = [userProjection, organizationProjection, workerProjection, marketplaceProjection, settlementProjection, searchProjection];

export const allEntities = [UserRow, OrganizationRow, SiteRow, MembershipRow, WorkerRow, HealthFactRow, LendingOfferRow, ShiftPostingRow, PlacementRow, SettlementRow, SettlementLineRow, LedgerEntryRow];
