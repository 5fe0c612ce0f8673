import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import { AppConfig, domainModules } from '@blue-ocean/composition';
import { TokenService } from '@blue-ocean/identity';
import type { Clock } from '@blue-ocean/kernel';
import { graphqlOptions } from './graphql.options';
import { PassToGraphQL } from './graphql-exception.filter';
import { HealthController } from './health.controller';
import { LiveUpdatesModule } from './subscriptions/live-updates.module';
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
        ...domainModules(config, clock),
        LiveUpdatesModule,
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
