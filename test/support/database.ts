import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { migrate } from '@blue-ocean/persistence';

/** A fresh database with every migration applied: each suite gets its own, so tests never share data. */
export interface TestDatabase {
  url: string;
  pool: Pool;
  drop(): Promise<void>;
}

export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('No test database: run the tests through jest (its global setup starts PostgreSQL).');
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createTestDatabase(options: { migrate?: boolean; max?: number } = {}): Promise<TestDatabase> {
  const name = `bo_test_${randomBytes(6).toString('hex')}`;
  const admin = new Pool({ connectionString: serverUrl(), max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = databaseUrl(name);
  const pool = new Pool({ connectionString: url, max: options.max ?? 20 });
  if (options.migrate !== false) await migrate(pool);
  return {
    url,
    pool,
    async drop() {
      pool.on('error', () => undefined); // FORCE below may cut a connection the pool is still closing
      await pool.end();
      const cleanup = new Pool({ connectionString: serverUrl(), max: 1 });
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
