import { Controller, Get, Header, HttpException, HttpStatus, Inject } from '@nestjs/common';
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
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The process is up. */
  @Get('health')
  health() {
    return { status: 'up' };
  }

  /** The database and the event store both answer. */
  @Get('ready')
  async ready() {
    try {
      await withTimeout(this.pool.query('SELECT 1'), 'the database');
      await withTimeout(this.store.ping(), 'the event store');
      return { status: 'ready' };
    } catch (error) {
      throw new HttpException({ status: 'not ready', reason: (error as Error).message }, HttpStatus.SERVICE_UNAVAILABLE);
    }
  }

  @Get('metrics')
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
