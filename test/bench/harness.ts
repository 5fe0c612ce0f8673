import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One figure beside the baseline measured in the same run (the machine is shared and noisy). */
export interface Figure {
  id: string;
  name: string;
  unit: string;
  value: number;
  baseline: number;
  baselineName: string;
  /** value ÷ baseline; `target` says which way is good (e.g. "≥ 0.8×" for rates, "≤ 3×" for latencies). */
  ratio: number;
  target: string;
  note?: string;
}

export interface BenchContext {
  quick: boolean;
  databaseUrl: string;
}

export interface Benchmark {
  id: string;
  run(context: BenchContext): Promise<Figure[]>;
}

export function figure(f: Omit<Figure, 'ratio'>): Figure {
  return { ...f, ratio: f.baseline === 0 ? 0 : f.value / f.baseline };
}

/** Samples the process's resident memory while `work` runs; returns the peak in MiB. */
export async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peak, process.memoryUsage().rss) / 1_048_576 };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Runs `count` calls with `concurrency` in flight; returns calls per second, latencies in ms, and
 * the CPU this process spent per call (all its threads; the database's processes are not counted).
 */
export async function load(count: number, concurrency: number, call: (i: number) => Promise<void>) {
  let next = 0;
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await call(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { perSecond: count / seconds, p50: pct(50), p95: pct(95), p99: pct(99), cpuMsPerCall: (cpu.user + cpu.system) / 1000 / count };
}

/**
 * Runs workloads in turns, `rounds` times (the order reversed every other round), so the shared
 * machine's noise falls on all of them alike. Each one's rate is its calls over its total time;
 * the rates and p50s of each round are kept for notes.
 */
export async function alternating(rounds: number, concurrency: number, workloads: { callsPerRound: number; call: (i: number) => Promise<void> }[]) {
  const results = workloads.map(() => ({ seconds: 0, roundRates: [] as number[], roundP50s: [] as number[] }));
  for (let round = 0; round < rounds; round++) {
    const order = workloads.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const measured = await load(workloads[i].callsPerRound, concurrency, workloads[i].call);
      results[i].seconds += workloads[i].callsPerRound / measured.perSecond;
      results[i].roundRates.push(measured.perSecond);
      results[i].roundP50s.push(measured.p50);
    }
  }
  return results.map((r, i) => ({ perSecond: (workloads[i].callsPerRound * rounds) / r.seconds, roundRates: r.roundRates, roundP50s: r.roundP50s }));
}

export function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.id,
    f.name,
    `${round(f.value)} ${f.unit}`,
    `${round(f.baseline)} ${f.unit}`,
    `${f.ratio.toFixed(2)}×`,
    f.target,
  ]);
  const header = ['id', 'figure', 'value', 'baseline', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  const notes = figures.filter((f) => f.note);
  if (notes.length) console.log(`\n${notes.map((f) => `${f.id} ${f.name}: ${f.note}`).join('\n')}`);
}

export function writeResults(figures: Figure[], dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), JSON.stringify({ at: new Date().toISOString(), figures }, null, 2));
  writeFileSync(join(dir, 'latest.svg'), svg(figures));
}

/** Bars: each figure (dark) beside its baseline (light), scaled per row. */
function svg(figures: Figure[]): string {
  const rowHeight = 46;
  const width = 760;
  const barMax = 420;
  const rows = figures.map((f, i) => {
    const max = Math.max(f.value, f.baseline) || 1;
    const y = 30 + i * rowHeight;
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    return `
  <text x="10" y="${y + 12}" font-size="12">${esc(`${f.id} ${f.name}`)}</text>
  <rect x="300" y="${y}" width="${(f.value / max) * barMax}" height="14" fill="#1f5fa8"/>
  <text x="${305 + (f.value / max) * barMax}" y="${y + 12}" font-size="11">${round(f.value)} ${esc(f.unit)} (${f.ratio.toFixed(2)}×)</text>
  <rect x="300" y="${y + 17}" width="${(f.baseline / max) * barMax}" height="14" fill="#9cc3ea"/>
  <text x="${305 + (f.baseline / max) * barMax}" y="${y + 29}" font-size="11">baseline: ${esc(f.baselineName)}</text>`;
  });
  const height = 40 + figures.length * rowHeight;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
  <text x="10" y="18" font-size="14" font-weight="bold">Blue Ocean benchmarks (each figure beside its baseline from the same run)</text>${rows.join('')}
</svg>
`;
}

function round(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(2);
}
