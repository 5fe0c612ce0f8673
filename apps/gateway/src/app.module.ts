import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import { ClockModule } from '@blue-ocean/api';
import { IdentityModule, TokenService } from '@blue-ocean/identity';
import type { Clock } from '@blue-ocean/kernel';
import { OrganizationsModule } from '@blue-ocean/organizations';
import { PersistenceModule } from '@blue-ocean/persistence';
import { allEntities, allProjections } from '@blue-ocean/read-models';
import { WorkforceModule } from '@blue-ocean/workforce';
import type { AppConfig } from './config';
import { graphqlOptions } from './graphql.options';
import { PassToGraphQL } from './graphql-exception.filter';
import { HealthController } from './health.controller';
import { validationPipe } from './validation';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The composition of every module into one process: GraphQL gateway plus projections. */
@Module({})
export class AppModule {
  /** `clock`: where "now" comes from; tests pass a ManualClock. */
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
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
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          inject: [TokenService],
          useFactory: (tokens: TokenService) => graphqlOptions(config, tokens),
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_PIPE, useFactory: validationPipe },
        { provide: APP_FILTER, useClass: PassToGraphQL },
      ],
    };
  }
}
