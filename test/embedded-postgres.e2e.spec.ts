import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * `npm start` without DATABASE_URL keeps its data in .data/postgres and starts the same folder
 * again next time: a second start must find it as PostgreSQL left it (0700), not opened up.
 * (The script is ESM, which this jest setup does not import, so a child process runs it.)
 */
const START_TWICE = `
import { statSync } from 'node:fs';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from './scripts/embedded-postgres.mjs';
const [dataDir] = process.argv.slice(1);
const port = await freePort();
const seen = [];
for (const run of [1, 2]) {
  const server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  try {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    if (run === 1) await client.query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (1)');
    seen.push({ rows: (await client.query('SELECT n FROM kept')).rows, openToOthers: (statSync(dataDir).mode & 0o077) !== 0 });
    await client.end();
  } finally {
    await server.pg.stop();
  }
}
console.log(JSON.stringify(seen));
`;

describe('the embedded PostgreSQL of npm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'blue-ocean-embedded-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts again on the data it kept', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', START_TWICE, join(dir, 'postgres')], {
      cwd: join(__dirname, '..'),
      timeout: 60_000,
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual([
      { rows: [{ n: 1 }], openToOthers: false },
      { rows: [{ n: 1 }], openToOthers: false },
    ]);
  });
});
