// P5: openShifts and availableWorkers p95 over HTTP on a large seeded marketplace, beside the same
// queries on a small one (same run). Sizes: --quick 5,000 workers (baseline 1,000); default (or
// `--size full`) 1,000,000 workers and 100,000 postings (issue 6; baseline 10,000 / 1,000);
// `--size N` any N, e.g. 100000 (issue 4's size). Postings are always N ÷ 10; the baseline N ÷ 100.
//
// The world: cities on a grid over eastern China, each with the baseline's density: as many workers
// as the whole baseline (at most 10,000; Gaussian homes, σ 12 km), a tenth as many postings, at 100
// sites per 10,000 workers (at least 10). A larger marketplace has more cities, not denser ones (a
// city's labour pool is bounded), so the figure shows how the queries scale with the size of the
// tables. `--dense` keeps the baseline's cities instead, each N ÷ baseline times denser: both queries
// count their whole match set for totalCount, so that shows what a denser city costs.
//
// Seeding goes through the event store (batched multi-stream appends of the real event shapes),
// and the read models are built by the real projections running in the gateway; events of one kind
// are appended together so the projections can take them in batches. Before timing, sample
// answers are checked against a brute-force evaluation of the same rules in JavaScript.
import { randomBytes, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, type EventStore, type NewEvent, type StreamAppend } from '@blue-ocean/event-store';
import { distanceKm, JOB_ROLES } from '@blue-ocean/kernel';
import { ProjectionRunner } from '@blue-ocean/persistence';
import { DataSource } from 'typeorm';
import { benchGateway } from './gateway';
import { type Benchmark, figure, type Figure } from './harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** At most this many workers per city (and a tenth as many postings). */
const MAX_WORKERS_PER_CITY = 10_000;
const SITES_PER_CITY = 100;
const ADMIN_EMAIL = 'admin@bench.test'; // benchGateway's platform admin
const PASSWORD = 'a long enough password';
/** Requests in flight while timing (P5_CONCURRENCY overrides). */
const CONCURRENCY = Number(process.env.P5_CONCURRENCY ?? 4);
const SAMPLES = 16;

const OPEN_SHIFTS = `query { openShifts(first: 20) { totalCount pageInfo { hasNextPage } edges { node { id distanceKm startsAt hourlyRate } } } }`;
const AVAILABLE_WORKERS = `query($id: ID!) { availableWorkers(filter: { shiftId: $id }, first: 20) {
  totalCount pageInfo { hasNextPage } edges { node { distanceKm worker { id fullName } offer { id minHourlyRate } } } } }`;

type Gql = <T = any>(query: string, variables?: Record<string, unknown>, token?: string) => Promise<{ data?: T; errors?: unknown[] }>;

/** Deterministic randomness: the same world on every run. */
function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    gauss: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
  };
}

/** What was seeded, kept compactly for the brute-force check. */
interface World {
  now: number;
  cities: { lat: number; lng: number }[];
  workers: {
    id: string[]; lat: Float64Array; lng: Float64Array; city: Int32Array; roles: Uint16Array; from: Float64Array; until: Float64Array;
    minRate: Float64Array; maxTravel: Float64Array; green: Uint8Array; lenderVerified: Uint8Array;
  };
  sites: { id: string; lat: number; lng: number; verified: boolean }[];
  postings: {
    id: string[]; site: Int32Array; role: Uint8Array; start: Float64Array; end: Float64Array; rate: Float64Array; green: Uint8Array;
  };
}

function sizeFromArgs(quick: boolean): { big: number; dense: boolean } {
  const args = process.argv.slice(2);
  const at = args.findIndex((a) => a === '--size' || a.startsWith('--size='));
  const raw = at < 0 ? null : args[at].includes('=') ? args[at].split('=')[1] : args[at + 1];
  const big = raw === 'full' ? 1_000_000 : raw ? Number(raw.replace(/_/g, '')) : quick ? 5_000 : 1_000_000;
  if (!Number.isInteger(big) || big < 1000) throw new Error(`--size must be "full" or a whole number ≥ 1000, got ${raw}`);
  return { big, dense: args.includes('--dense') };
}

export const p5: Benchmark = {
  id: 'P5',
  async run({ quick, databaseUrl }) {
    const { big, dense } = sizeFromArgs(quick);
    const small = Math.max(1_000, Math.round(big / 100));
    const rounds = quick ? 3 : 10;
    let peakRssMb = process.memoryUsage().rss / 1_048_576;
    const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, process.memoryUsage().rss / 1_048_576)), 250);
    const marketplaces: Marketplace[] = [];
    try {
      const perCity = Math.min(MAX_WORKERS_PER_CITY, small);
      const baselineCities = Math.ceil(small / perCity);
      marketplaces.push(await marketplace(databaseUrl, small, baselineCities));
      marketplaces.push(await marketplace(databaseUrl, big, dense ? baselineCities : Math.ceil(big / perCity)));
      const [baseline, large] = marketplaces;
      // Both marketplaces stay up and are timed in alternating rounds, so the machine's noise (it is
      // shared) falls on both alike.
      const timed = { baseline: { openShifts: [] as number[], availableWorkers: [] as number[] }, large: { openShifts: [] as number[], availableWorkers: [] as number[] } };
      for (const m of marketplaces) for (const query of ['openShifts', 'availableWorkers'] as const) await timeRound(m, query, 20); // warm-up
      for (let round = 0; round < rounds; round++) {
        for (const query of ['openShifts', 'availableWorkers'] as const) {
          timed.baseline[query].push(...(await timeRound(baseline, query, ROUND)));
          timed.large[query].push(...(await timeRound(large, query, ROUND)));
        }
      }
      const fmt = (n: number) => n.toLocaleString('en');
      const name = (query: string) => `${query} p95, ${fmt(big)} workers / ${fmt(big / 10)} postings${dense ? ' (dense)' : ''}`;
      const baselineName = `same query at ${fmt(small)} workers / ${fmt(small / 10)} postings`;
      const figures = (['openShifts', 'availableWorkers'] as const).map((query): Figure => {
        const [value, base] = [percentiles(timed.large[query]), percentiles(timed.baseline[query])];
        const note =
          `p50 ${value.p50.toFixed(1)} vs ${base.p50.toFixed(1)} ms; mean totalCount ${fmt(large.meanTotal[query])} vs ${fmt(baseline.meanTotal[query])}; ` +
          `${timed.large[query].length} requests each, concurrency ${CONCURRENCY}, interleaved; seeded in ${large.seedSeconds.toFixed(0)} s ` +
          `(${fmt(large.events)} events); peak RSS of the process (both gateways, the seed data) ${peakRssMb.toFixed(0)} MB`;
        return figure({ id: 'P5', name: name(query), unit: 'ms', value: value.p95, baseline: base.p95, baselineName, target: '≤ 1.5×', note });
      });
      for (const f of figures) console.log(`\n  ${f.name}: ${f.value.toFixed(1)} ms vs ${f.baseline.toFixed(1)} ms (${f.note})`);
      return figures;
    } finally {
      clearInterval(sampler);
      for (const m of marketplaces) await m.close();
    }
  },
};

/** Requests per round of the interleaved timing, and in flight at once (P5_CONCURRENCY overrides). */
const ROUND = 40;

interface Marketplace {
  workers: number;
  seedSeconds: number;
  events: number;
  meanTotal: { openShifts: number; availableWorkers: number };
  call(query: 'openShifts' | 'availableWorkers', i: number): Promise<number>;
  close(): Promise<void>;
}

async function timeRound(m: Marketplace, query: 'openShifts' | 'availableWorkers', count: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await m.call(query, i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

function percentiles(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { p50: at(50), p95: at(95) };
}

/** A gateway on a fresh database, seeded with `workers` workers and workers ÷ 10 postings, answers checked. */
async function marketplace(serverUrl: string, workers: number, cityCount: number): Promise<Marketplace> {
  const gateway = await benchGateway(serverUrl, {}, { keepDatabase: Boolean(process.env.P5_KEEP_DATABASE) });
  const { app, gql } = gateway;
  const close = () => gateway.close();
  try {
    const started = Date.now();
    const seeded = await seed(app, gql, workers, cityCount);
    const seedSeconds = (Date.now() - started) / 1000;
    await check(gql, seeded);
    const totals = { openShifts: [] as number[], availableWorkers: [] as number[] };
    const call = async (query: 'openShifts' | 'availableWorkers', i: number): Promise<number> => {
      const result =
        query === 'openShifts'
          ? await gql(OPEN_SHIFTS, {}, seeded.sampleWorkers[i % seeded.sampleWorkers.length].token)
          : await gql(AVAILABLE_WORKERS, { id: seeded.samplePostings[i % seeded.samplePostings.length] }, seeded.retailerToken);
      if (result.errors || !result.data) throw new Error(`${query} failed: ${JSON.stringify(result.errors)}`);
      return result.data[query].totalCount;
    };
    for (const query of ['openShifts', 'availableWorkers'] as const) {
      for (let i = 0; i < SAMPLES; i++) totals[query].push(await call(query, i));
    }
    const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
    process.stdout.write(`\n  ${workers.toLocaleString('en')} workers in ${cityCount} cities: seeded in ${seedSeconds.toFixed(1)} s, sample answers checked`);
    return {
      workers, seedSeconds, events: seeded.events, call, close,
      meanTotal: { openShifts: mean(totals.openShifts), availableWorkers: mean(totals.availableWorkers) },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

// ───────────────────────────── seeding ─────────────────────────────

async function seed(app: NestFastifyApplication, gql: Gql, workerCount: number, cityCount: number) {
  const store = app.get<EventStore>(EVENT_STORE);
  const projections = app.get(ProjectionRunner);
  const random = prng(workerCount);
  const now = Date.now();
  const at = new Date(now).toISOString();
  const meta = (actor: string | null) => ({ actor, occurredAt: at, schemaVersion: 1 });
  const event = (type: string, data: Record<string, unknown>, actor: string | null = null): NewEvent => ({ id: randomUUID(), type, data, metadata: meta(actor) });

  // Users and organizations through the API: a platform admin, a verified lender and retailer, and
  // a lender and a retailer still PENDING (their offers and postings are injected: the search must hide them).
  const signUp = async (email: string) => {
    const r = await gql(`mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`, { i: { email, password: PASSWORD, displayName: email } });
    if (!r.data) throw new Error(`signUp ${email}: ${JSON.stringify(r.errors)}`);
    return { token: r.data.signUp.token as string, userId: r.data.signUp.user.id as string };
  };
  const [admin, lenderOwner, retailerOwner] = await Promise.all([ADMIN_EMAIL, 'lender@bench.test', 'retailer@bench.test'].map(signUp));
  const register = async (owner: { token: string }, kind: 'LENDER' | 'RETAILER', verify: boolean) => {
    const input = { name: `${kind} ${randomBytes(2).toString('hex')}`, kinds: [kind], industry: 'SUPERMARKET', city: 'Shanghai', timezone: 'Asia/Shanghai', businessLicenceNumber: `B-${randomUUID()}` };
    const r = await gql(`mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, { i: input }, owner.token);
    const id = r.data?.registerOrganization.id as string;
    if (!id) throw new Error(`registerOrganization: ${JSON.stringify(r.errors)}`);
    if (verify) {
      const v = await gql(`mutation($id: ID!) { verifyOrganization(organizationId: $id, approve: true) { id } }`, { id }, admin.token);
      if (v.errors) throw new Error(`verifyOrganization: ${JSON.stringify(v.errors)}`);
    }
    return id;
  };
  const [lenderId, pendingLenderId, retailerId, pendingRetailerId] = await Promise.all([
    register(lenderOwner, 'LENDER', true),
    register(lenderOwner, 'LENDER', false),
    register(retailerOwner, 'RETAILER', true),
    register(retailerOwner, 'RETAILER', false),
  ]);

  // The world.
  const side = Math.ceil(Math.sqrt(cityCount));
  const cities = Array.from({ length: cityCount }, (_, i) => ({
    lat: 23 + (Math.floor(i / side) + 0.5) * (18 / side) + random.gauss() * 0.2,
    lng: 103 + ((i % side) + 0.5) * (18 / side) + random.gauss() * 0.2,
  }));
  const around = (city: { lat: number; lng: number }, sigmaKm: number) => ({
    lat: city.lat + (random.gauss() * sigmaKm) / 111.195,
    lng: city.lng + (random.gauss() * sigmaKm) / (111.195 * Math.cos((city.lat * Math.PI) / 180)),
  });

  const n = workerCount;
  const w: World['workers'] = {
    id: [], lat: new Float64Array(n), lng: new Float64Array(n), city: new Int32Array(n), roles: new Uint16Array(n), from: new Float64Array(n),
    until: new Float64Array(n), minRate: new Float64Array(n), maxTravel: new Float64Array(n), green: new Uint8Array(n), lenderVerified: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    w.id.push(randomUUID());
    const city = i % cityCount;
    const home = around(cities[city], 12);
    w.city[i] = city;
    w.lat[i] = home.lat;
    w.lng[i] = home.lng;
    const r1 = random.int(0, 9);
    const r2 = (r1 + random.int(1, 9)) % 10;
    w.roles[i] = (1 << r1) | (1 << r2);
    w.from[i] = now - random.int(0, 10 * 24) * HOUR;
    w.until[i] = now + 10 * DAY + random.int(0, 50 * 24) * HOUR;
    w.minRate[i] = random.int(20, 40);
    w.maxTravel[i] = random.int(3, 30);
    w.green[i] = random.next() < 0.85 ? 1 : 0;
    w.lenderVerified[i] = random.next() < 0.01 ? 0 : 1;
  }

  const sites: World['sites'] = [];
  const sitesOf: number[][] = cities.map(() => []);
  for (let c = 0; c < cityCount; c++) {
    const perCity = Math.max(10, Math.round((SITES_PER_CITY * workerCount) / cityCount / MAX_WORKERS_PER_CITY));
    for (let k = 0; k < perCity; k++) {
      sitesOf[c].push(sites.length);
      sites.push({ id: randomUUID(), ...around(cities[c], 8), verified: random.next() >= 0.01 });
    }
  }

  const m = Math.round(workerCount / 10);
  const p: World['postings'] = {
    id: [], site: new Int32Array(m), role: new Uint8Array(m), start: new Float64Array(m), end: new Float64Array(m), rate: new Float64Array(m), green: new Uint8Array(m),
  };
  for (let j = 0; j < m; j++) {
    p.id.push(randomUUID());
    const candidates = sitesOf[j % cityCount];
    p.site[j] = candidates[random.int(0, candidates.length - 1)];
    p.role[j] = random.int(0, 9);
    p.start[j] = Math.ceil((now + HOUR) / (30 * 60_000)) * 30 * 60_000 + random.int(0, 14 * 48) * 30 * 60_000;
    p.end[j] = p.start[j] + 8 * HOUR;
    p.rate[j] = random.int(50, 100) / 2;
    p.green[j] = random.next() < 0.7 ? 1 : 0;
  }

  // Events, a kind at a time (the projections take consecutive events of one kind in one go).
  let appended = 0;
  let lastPosition = '';
  const appendAll = async (appends: StreamAppend[]) => {
    const CHUNK = 1000;
    const chunks: StreamAppend[][] = [];
    for (let i = 0; i < appends.length; i += CHUNK) chunks.push(appends.slice(i, i + CHUNK));
    let next = 0;
    await Promise.all(
      [0, 1].map(async () => {
        while (next < chunks.length) {
          const chunk = chunks[next++];
          const results = await store.appendMany(chunk);
          for (const r of results) if (r.position > lastPosition) lastPosition = r.position;
          appended += chunk.reduce((sum, a) => sum + a.events.length, 0);
        }
      }),
    );
  };
  const inBatches = async (count: number, make: (i: number) => StreamAppend | null) => {
    const BATCH = 20_000;
    for (let start = 0; start < count; start += BATCH) {
      const appends: StreamAppend[] = [];
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const a = make(i);
        if (a) appends.push(a);
      }
      await appendAll(appends);
    }
  };

  // Sites (one organization stream each retailer).
  for (const [orgId, verified] of [[retailerId, true], [pendingRetailerId, false]] as const) {
    const own = sites.filter((s) => s.verified === verified);
    for (let i = 0; i < own.length; i += 5000) {
      await appendAll([{
        streamId: `organization-${orgId}`,
        expected: 'any',
        events: own.slice(i, i + 5000).map((s, k) => event('SiteAdded', {
          organizationId: orgId, siteId: s.id, name: `Store ${i + k}`, address: `${i + k} Bench Road`, location: { lat: s.lat, lng: s.lng }, checkInRadiusMeters: 200,
        }, retailerOwner.userId)),
      }]);
    }
  }
  const roleNames = (mask: number) => JOB_ROLES.filter((_, r) => mask & (1 << r));
  await inBatches(n, (i) => ({
    streamId: `worker-${w.id[i]}`,
    expected: 'no_stream',
    events: [event('WorkerEnrolled', {
      workerId: w.id[i], employerId: w.lenderVerified[i] ? lenderId : pendingLenderId, fullName: `Worker ${i}`, phone: `+86 138 ${String(i).padStart(8, '0')}`,
      skills: roleNames(w.roles[i]), homeLocation: { lat: w.lat[i], lng: w.lng[i] }, maxHoursPerWeek: 40, employerTimeZone: 'Asia/Shanghai',
      claimCodeHash: randomBytes(32).toString('hex'), at,
    }, lenderOwner.userId)],
  }));
  await inBatches(n, (i) => w.green[i] ? {
    streamId: `worker-${w.id[i]}`,
    expected: 0,
    events: [event('HealthAttested', { workerId: w.id[i], code: 'GREEN', validUntil: new Date(now + 60 * DAY).toISOString(), reference: `A-${i}`, by: admin.userId, at }, admin.userId)],
  } : null);
  await inBatches(n, (i) => ({
    streamId: `worker-${w.id[i]}`,
    expected: w.green[i] ? 1 : 0,
    events: [event('LendingOfferMade', {
      workerId: w.id[i], offerId: randomUUID(), availableFrom: new Date(w.from[i]).toISOString(), availableUntil: new Date(w.until[i]).toISOString(),
      roles: roleNames(w.roles[i]), minHourlyRate: `${w.minRate[i]}.00`, maxTravelKm: w.maxTravel[i], autoApprove: true, at,
    }, lenderOwner.userId)],
  }));
  await inBatches(m, (j) => {
    const site = sites[p.site[j]];
    return {
      streamId: `shift-${p.id[j]}`,
      expected: 'no_stream',
      events: [event('ShiftPosted', {
        shiftId: p.id[j], retailerId: site.verified ? retailerId : pendingRetailerId, siteId: site.id, siteTimeZone: 'Asia/Shanghai',
        role: JOB_ROLES[p.role[j]], title: `Shift ${j}`, description: null, startsAt: new Date(p.start[j]).toISOString(),
        endsAt: new Date(p.end[j]).toISOString(), unpaidBreakMinutes: 30, slots: 3, hourlyRate: p.rate[j].toFixed(2), currency: 'CNY',
        requiresGreenCode: p.green[j] === 1, postedAt: at,
      }, retailerOwner.userId)],
    };
  });

  // Wait for the projections, reporting progress.
  const total = appended;
  const progress = setInterval(async () => {
    const [row] = (await app.get(DataSource).query('SELECT count(*)::int AS n FROM search_offers')) as { n: number }[];
    process.stdout.write(`\r  ${workerCount.toLocaleString('en')} workers: ${total.toLocaleString('en')} events appended; search offers projected: ${row.n.toLocaleString('en')}   `);
  }, 5000);
  try {
    if (!(await projections.passed(lastPosition, 4 * HOUR))) throw new Error('projections did not catch up');
  } finally {
    clearInterval(progress);
  }

  // Sample workers (spread over the cities, of the verified lender) sign up and claim their profiles
  // (after the projections caught up: signUp waits for its own read model).
  const sampleIndexes: number[] = [];
  for (let i = 0; sampleIndexes.length < SAMPLES && i < n; i += Math.max(1, Math.floor(n / SAMPLES / 2)) + 1) {
    if (w.lenderVerified[i]) sampleIndexes.push(i);
  }
  const users = await Promise.all(sampleIndexes.map((index) => signUp(`worker${index}@bench.test`)));
  const sampleWorkers = sampleIndexes.map((index, k) => ({ index, token: users[k].token }));
  await appendAll(sampleIndexes.map((index, k) => ({
    streamId: `worker-${w.id[index]}`,
    expected: 'any' as const,
    events: [event('WorkerProfileClaimed', { workerId: w.id[index], userId: users[k].userId, at }, users[k].userId)],
  })));
  if (!(await projections.passed(lastPosition, 60_000))) throw new Error('projections did not catch up with the claims');
  // What autovacuum would do shortly after a bulk load: fresh statistics for the planner.
  await app.get(DataSource).query('ANALYZE search_offers, search_postings, search_workers, placements, shift_postings');
  const samplePostings: string[] = [];
  for (let j = 0; samplePostings.length < SAMPLES && j < m; j += Math.max(1, Math.floor(m / SAMPLES / 2)) + 1) {
    if (sites[p.site[j]].verified) samplePostings.push(p.id[j]);
  }

  const world: World = { now, cities, workers: w, sites, postings: p };
  return {
    world,
    sampleWorkers,
    samplePostings,
    retailerToken: retailerOwner.token,
    events: total,
  };
}

// ───────────────────────────── correctness ─────────────────────────────

/** The first page and totalCount of a few answers, against the rules evaluated by brute force. */
async function check(gql: Gql, seeded: Awaited<ReturnType<typeof seed>>): Promise<void> {
  const { world, sampleWorkers, samplePostings, retailerToken } = seeded;
  const { workers: w, postings: p, sites } = world;
  const now = Date.now();

  for (const { index, token } of sampleWorkers.slice(0, 6)) {
    const home = { lat: w.lat[index], lng: w.lng[index] };
    const expected: { id: string; d: number }[] = [];
    for (let j = 0; j < p.id.length; j++) {
      const site = sites[p.site[j]];
      if (!site.verified || p.start[j] <= now || !(w.roles[index] & (1 << p.role[j]))) continue;
      if (w.from[index] > p.start[j] || p.end[j] > w.until[index] || w.minRate[index] > p.rate[j]) continue;
      const d = distanceKm(home, site);
      if (d <= w.maxTravel[index]) expected.push({ id: p.id[j], d });
    }
    expected.sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
    const result = await gql(OPEN_SHIFTS, {}, token);
    const page = result.data?.openShifts;
    if (!page) throw new Error(`openShifts failed: ${JSON.stringify(result.errors)}`);
    same('openShifts', page.totalCount, page.edges.map((e: any) => e.node.id), expected);
  }

  for (const shiftId of samplePostings.slice(0, 6)) {
    const j = p.id.indexOf(shiftId);
    const site = sites[p.site[j]];
    const expected: { id: string; d: number }[] = [];
    for (let i = 0; i < w.id.length; i++) {
      if (!w.lenderVerified[i] || !(w.roles[i] & (1 << p.role[j])) || (p.green[j] && !w.green[i])) continue;
      if (w.from[i] > p.start[j] || p.end[j] > w.until[i] || w.until[i] <= now || w.minRate[i] > p.rate[j]) continue;
      const d = distanceKm({ lat: w.lat[i], lng: w.lng[i] }, site);
      if (d <= w.maxTravel[i]) expected.push({ id: w.id[i], d });
    }
    expected.sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
    const result = await gql(AVAILABLE_WORKERS, { id: shiftId }, retailerToken);
    const page = result.data?.availableWorkers;
    if (!page) throw new Error(`availableWorkers failed: ${JSON.stringify(result.errors)}`);
    same('availableWorkers', page.totalCount, page.edges.map((e: any) => e.node.worker.id), expected);
  }
}

function same(what: string, totalCount: number, ids: string[], expected: { id: string; d: number }[]): void {
  const want = expected.slice(0, 20).map((e) => e.id);
  if (totalCount !== expected.length || JSON.stringify(ids) !== JSON.stringify(want)) {
    throw new Error(`${what} disagrees with the brute-force answer: totalCount ${totalCount} vs ${expected.length}; first page ${JSON.stringify(ids.slice(0, 3))}… vs ${JSON.stringify(want.slice(0, 3))}…`);
  }
}
