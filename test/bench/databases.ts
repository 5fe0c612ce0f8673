import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { migrate } from '@blue-ocean/persistence';

/** A fresh, migrated database on the benchmark's server, dropped afterwards. */
export async function freshDatabase(serverUrl: string) {
  const name = `bo_bench_${randomBytes(5).toString('hex')}`;
  const admin = new Pool({ connectionString: serverUrl, max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new Pool({ connectionString: url.toString(), max: 1 });
  await migrate(pool);
  await pool.end();
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
