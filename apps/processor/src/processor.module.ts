import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, domainModules } from '@blue-ocean/composition';

/** The modules without GraphQL or HTTP: projections and timers run here when the config says so. */
@Module({})
export class ProcessorModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ProcessorModule, imports: domainModules(config) };
  }
}
