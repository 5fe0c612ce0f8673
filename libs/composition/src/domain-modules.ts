import type { DynamicModule, Type } from '@nestjs/common';
import { ClockModule } from '@blue-ocean/api';
import { AttendanceModule } from '@blue-ocean/attendance';
import { IdentityModule } from '@blue-ocean/identity';
import type { Clock } from '@blue-ocean/kernel';
import { MarketplaceModule } from '@blue-ocean/marketplace';
import { OrganizationsModule } from '@blue-ocean/organizations';
import { PersistenceModule } from '@blue-ocean/persistence';
import { SettlementModule } from '@blue-ocean/settlement';
import { WorkforceModule } from '@blue-ocean/workforce';
import type { AppConfig } from './config';
import { allEntities, allProjections } from './read-models';

/** Every module of the marketplace, configured: the gateway adds GraphQL and HTTP, the processor nothing. */
export function domainModules(config: AppConfig, clock?: Clock): (DynamicModule | Type)[] {
  return [
    ClockModule.forRoot(clock),
    PersistenceModule.forRoot({
      databaseUrl: config.databaseUrl,
      eventStoreUrl: config.eventStoreUrl,
      poolSize: config.dbPoolSize,
      runProjections: config.runProjections,
      projections: allProjections,
      entities: allEntities,
    }),
    IdentityModule.forRoot({
      jwtSecret: config.jwtSecret,
      tokenTtlSeconds: config.tokenTtlSeconds,
      authRateLimitPerMinute: config.authRateLimitPerMinute,
      isPlatformAdmin: (email) => config.platformAdminEmails.has(email.toLowerCase()),
    }),
    OrganizationsModule,
    WorkforceModule,
    MarketplaceModule,
    SettlementModule.forRoot({ platformFeeRate: config.platformFeeRate, runProcessManagers: config.runProjections }),
    AttendanceModule,
  ];
}
