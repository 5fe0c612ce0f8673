import { Controller, Get, Header, HttpException, HttpStatus, Inject, Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { register } from 'prom-client';
import { EVENT_STORE, EventStore } from '@blue-ocean/event-store';
import { PG_POOL } from '@blue-ocean/persistence';

const READY_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer`)), READY_TIMEOUT_MS)),
  ]);
}

@Controller()
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The process is up. */
  @Get('health')
  health() {
    return { status: 'up' };
  }

  /**
   * The database and the event store both answer. Not ready says which of them does not, in plain
   * words: the driver's message (e.g. "connect ECONNREFUSED 10.0.0.5:5432") names hosts and ports,
   * so it goes to the log, not to whoever probes the endpoint.
   */
  @Get('ready')
  async ready() {
    const probes: [string, () => Promise<unknown>][] = [
      ['the database', () => this.pool.query('SELECT 1')],
      ['the event store', () => this.store.ping()],
    ];
    for (const [what, probe] of probes) {
      try {
        await withTimeout(probe(), what);
      } catch (error) {
        this.logger.warn(`Not ready: ${what} did not answer (${(error as Error).message})`);
        throw new HttpException({ status: 'not ready', reason: `${what} does not answer` }, HttpStatus.SERVICE_UNAVAILABLE);
      }
    }
    return { status: 'ready' };
  }

  @Get('metrics')
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
