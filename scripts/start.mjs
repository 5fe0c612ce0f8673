// `npm start` and friends: compile, make sure there is a database, then run the chosen entry point.
//   node scripts/start.mjs            the gateway with projections and timers inside (default)
//   node scripts/start.mjs processor  projections and timers only, no HTTP API
//   node scripts/start.mjs migrate    apply the SQL migrations and exit
//   node scripts/start.mjs rebuild    empty the read models and replay every event, with a progress bar
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = {
  gateway: 'dist/apps/gateway/src/main.js',
  processor: 'dist/apps/processor/src/main.js',
  migrate: 'dist/apps/processor/src/migrate.js',
  rebuild: 'dist/apps/processor/src/rebuild.js',
};
const command = process.argv[2] ?? 'gateway';
if (!entries[command]) {
  console.error(`Unknown command "${command}". Use one of: ${Object.keys(entries).join(', ')}.`);
  process.exit(2);
}

if (process.env.SKIP_BUILD !== '1') {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
}

if (!process.env.DATABASE_URL) {
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const dataDir = join(root, '.data', 'postgres');
  console.log(JSON.stringify({ level: 'info', msg: `DATABASE_URL is not set: starting the embedded PostgreSQL on port ${port} (data in ${dataDir})` }));
  // embedded-postgres stops the server itself when this process exits.
  const { url } = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  process.env.DATABASE_URL = url;
}

const require = createRequire(import.meta.url);
require('./aliases.cjs');
require('reflect-metadata');
require(join(root, entries[command]));
