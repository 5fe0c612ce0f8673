// `npm run bench [-- --quick] [-- --only P1,P6]`: every figure beside a baseline measured in the same run.
// Fails only when a benchmark errors or an invariant breaks, never on a speed figure.
import { join } from 'node:path';
import { Benchmark, Figure, printTable, writeResults } from './harness';
import { p1 } from './p1-event-store.bench';
import { p2 } from './p2-accept-shift.bench';
import { p3 } from './p3-storm.bench';
import { p4 } from './p4-rebuild.bench';
import { p5 } from './p5-search.bench';
import { p6 } from './p6-sign-up.bench';
import { jit } from './graphql-jit.bench';

const BENCHMARKS: Benchmark[] = [p1, p2, p3, p4, p5, p6, jit];

async function serverUrl(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const embedded = await import(join(__dirname, '../../../scripts/embedded-postgres.mjs'));
  const dir = mkdtempSync(join(tmpdir(), 'blue-ocean-bench-'));
  const { pg, url } = await embedded.startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await embedded.freePort(), persistent: false });
  return { url, stop: async () => { await pg.stop(); rmSync(dir, { recursive: true, force: true }); } };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const onlyArg = args.find((a) => a.startsWith('--only'));
  const only = onlyArg ? (onlyArg.split('=')[1] ?? args[args.indexOf(onlyArg) + 1]).split(',') : null;
  const server = await serverUrl();
  const figures: Figure[] = [];
  const failed: string[] = [];
  try {
    for (const benchmark of BENCHMARKS.filter((b) => !only || only.includes(b.id))) {
      const started = Date.now();
      process.stdout.write(`${benchmark.id} … `);
      try {
        figures.push(...(await benchmark.run({ quick, databaseUrl: server.url })));
        console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
      } catch (error) {
        // The others still run; the exit code says a benchmark failed.
        console.log(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
        failed.push(benchmark.id);
      }
    }
  } finally {
    await server.stop();
  }
  console.log('');
  printTable(figures);
  writeResults(figures, join(__dirname, '../../../test/bench/results'));
  if (failed.length) throw new Error(`Benchmarks failed: ${failed.join(', ')}`);
}

main().then(() => process.exit(0)).catch((error) => {
  console.error(error);
  process.exit(1);
});
