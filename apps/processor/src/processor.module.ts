import { DynamicModule, Module } from '@nestjs/common';
import { PersistenceModule } from '@blue-ocean/persistence';
import { allEntities, allProjections } from '@blue-ocean/read-models';

export interface ProcessorSettings {
  databaseUrl: string;
  eventStoreUrl?: string;
  runProjections: boolean;
}

/** Projections (and, as modules add them, process managers and timers) without the HTTP API. */
@Module({})
export class ProcessorModule {
  static forRoot(settings: ProcessorSettings): DynamicModule {
    return {
      module: ProcessorModule,
      imports: [
        PersistenceModule.forRoot({
          databaseUrl: settings.databaseUrl,
          eventStoreUrl: settings.eventStoreUrl,
          poolSize: 5,
          runProjections: settings.runProjections,
          projections: allProjections,
          entities: allEntities,
        }),
      ],
    };
  }
}
