// Jest global setup: the tests run on DATABASE_URL when it is set, otherwise on a PostgreSQL started here.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, freePort } from '../../scripts/embedded-postgres.mjs';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'blue-ocean-test-'));
  const { pg, url } = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), persistent: false });
  process.env.TEST_DATABASE_URL = url;
  globalThis.__embeddedPostgres = { pg, dir };
}
