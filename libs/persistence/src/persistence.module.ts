import { DynamicModule, Global, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource, EntitySchema } from 'typeorm';
import { createEventStore, EVENT_STORE, EventStore } from '@blue-ocean/event-store';
import { DecisionRunner } from './decision-runner';
import { IdempotencyStore } from './idempotency';
import { migrate } from './migrations';
import type { Projection } from './projections/projection';
import { ProjectionRunner } from './projections/projection-runner';
import { TimerRunner } from './timers';
import { PG_POOL } from './tokens';

export interface PersistenceOptions {
  databaseUrl: string;
  /** kurrentdb://… selects KurrentDB for the events; otherwise they stay in PostgreSQL. */
  eventStoreUrl?: string;
  poolSize: number;
  projections: Projection[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: (Function | EntitySchema)[];
  /** Run the projections in this process (the default single-process mode). */
  runProjections: boolean;
}

const OPTIONS = Symbol('PERSISTENCE_OPTIONS');

/**
 * Every connection runs with PostgreSQL's JIT off. This is an OLTP workload of short statements:
 * estimated without statistics (tables filled in bulk, before ANALYZE) they can cost past
 * jit_above_cost, and compiling them takes far longer than running them (450 ms against 9 ms seen
 * in a projection batch, tens of milliseconds on a search).
 */
const CONNECTION_SETTINGS = '-c jit=off';

/** The database, the event store and the read side, shared by every module. */
@Global()
@Module({})
export class PersistenceModule implements OnApplicationBootstrap, OnApplicationShutdown {
  static forRoot(options: PersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        { provide: OPTIONS, useValue: options },
        {
          provide: PG_POOL,
          useFactory: async () => {
            const pool = new Pool({ connectionString: options.databaseUrl, max: options.poolSize, options: CONNECTION_SETTINGS });
            pool.on('error', () => undefined); // an idle client lost its server; the pool replaces it
            await migrate(pool);
            return pool;
          },
        },
        {
          provide: DataSource,
          inject: [PG_POOL],
          useFactory: async () =>
            new DataSource({
              type: 'postgres',
              url: options.databaseUrl,
              entities: options.entities,
              synchronize: false,
              poolSize: Math.max(2, Math.ceil(options.poolSize / 2)),
              extra: { options: CONNECTION_SETTINGS },
            }).initialize(),
        },
        {
          provide: EVENT_STORE,
          inject: [PG_POOL],
          useFactory: (pool: Pool) => createEventStore({ pool, eventStoreUrl: options.eventStoreUrl }),
        },
        { provide: DecisionRunner, inject: [EVENT_STORE], useFactory: (store: EventStore) => new DecisionRunner(store) },
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE, DataSource],
          useFactory: (store: EventStore, db: DataSource) => new ProjectionRunner(store, db, options.projections),
        },
        { provide: IdempotencyStore, inject: [PG_POOL], useFactory: (pool: Pool) => new IdempotencyStore(pool) },
        TimerRunner,
      ],
      exports: [PG_POOL, DataSource, EVENT_STORE, DecisionRunner, ProjectionRunner, IdempotencyStore, TimerRunner],
    };
  }

  constructor(
    @Inject(OPTIONS) private readonly options: PersistenceOptions,
    private readonly projections: ProjectionRunner,
    private readonly timers: TimerRunner,
    private readonly db: DataSource,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Projections and timers run where the options say (the single process, or the processor). */
  onApplicationBootstrap(): void {
    if (!this.options.runProjections) return;
    this.projections.start();
    this.timers.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.timers.stop();
    await this.projections.stop();
    await this.store.close();
    await this.db.destroy();
    await this.pool.end();
  }
}
