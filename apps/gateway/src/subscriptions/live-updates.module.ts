import { Module } from '@nestjs/common';
import { MarketplaceModule } from '@blue-ocean/marketplace';
import { OrganizationsModule } from '@blue-ocean/organizations';
import { WorkforceModule } from '@blue-ocean/workforce';
import { LiveFeed } from './live-feed';
import { LiveResolver } from './live.resolver';
import { StoreRelay } from './store-relay';

/**
 * GraphQL subscriptions (`placementChanged`, `shiftOffered`), driven from the event store
 * subscription: one relay per gateway process, so they work with several gateways.
 */
@Module({
  imports: [OrganizationsModule, WorkforceModule, MarketplaceModule],
  providers: [LiveFeed, StoreRelay, LiveResolver],
})
export class LiveUpdatesModule {}
