import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { Pool } from 'pg';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { allProjections } from '@blue-ocean/composition';
import { encodePosition } from '@blue-ocean/event-store';
import type { GraphQLResponse, TestApp } from '../support/app';
import { ADMIN_EMAIL, Gql, OPS, SceneWorker, User } from '../support/marketplace-fixtures';
import { ensureBuilt, exited, startProcess, until } from '../support/processes';

/**
 * Shared by the reliability suites (crash safety, scale-out, database outage): the real apps as
 * child processes, a booking storm over HTTP, and the checks that run on the event log and the
 * read models afterwards. Sizes are small in `npm test` and large with SOAK=1 (`npm run soak`).
 */

export const SOAK = !!process.env.SOAK && process.env.SOAK !== '0';
/** `small` in npm test, `soak` in npm run soak. */
export const sized = <T>(small: T, soak: T): T => (SOAK ? soak : small);

/** Every gateway and processor of these suites shares the secret (tokens work on all of them) and the admin list. */
export const APP_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  JWT_SECRET: 'reliability-secret-that-is-long-enough-0123456789',
  PLATFORM_ADMIN_EMAILS: ADMIN_EMAIL,
  AUTH_RATE_LIMIT_PER_MINUTE: '0',
  DB_POOL_SIZE: '10',
  LOG_LEVEL: 'warn',
};

// ───────────────────────────── randomness you can replay ─────────────────────────────

/** A seeded generator (mulberry32): the seed is printed, RELIABILITY_SEED replays a run's choices. */
export function seededRandom(label: string): { seed: number; next(): number; int(below: number): number; pick<T>(items: readonly T[]): T } {
  const seed = Number(process.env.RELIABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`${label}: RELIABILITY_SEED=${seed}`);
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { seed, next, int: (below) => Math.floor(next() * below), pick: (items) => items[Math.floor(next() * items.length)] };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// ───────────────────────────── the apps as child processes ─────────────────────────────

export interface AppProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** The last lines it wrote (stdout and stderr), for a failure's message. */
  output(): string;
  /** Whether it is still running. */
  alive(): boolean;
  /** SIGKILL: no shutdown hook runs, in-flight transactions are cut. */
  crash(): Promise<void>;
  /** SIGTERM: the graceful shutdown. */
  stop(): Promise<void>;
}

export interface GatewayProcess extends AppProcess {
  readonly url: string;
  readonly port: number;
}

const KEPT_LINES = 200;

/** Starts a compiled entry point and keeps reading its output (an unread pipe would block it when full). */
function launch(entry: string, env: Record<string, string>): AppProcess {
  ensureBuilt();
  const child = startProcess(entry, { ...APP_ENV, ...env });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(line);
    if (lines.length > KEPT_LINES) lines.splice(0, lines.length - KEPT_LINES);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const alive = () => child.exitCode === null && child.signalCode === null;
  const signal = async (name: NodeJS.Signals) => {
    if (!alive()) return;
    const done = exited(child);
    child.kill(name);
    await done;
  };
  return {
    child,
    pid: child.pid!,
    output: () => lines.join('\n'),
    alive,
    crash: () => signal('SIGKILL'),
    stop: async () => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000); // a shutdown that hangs is a crash
      try {
        await signal('SIGTERM');
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** The gateway (dist/apps/gateway/src/main.js) on `databaseUrl`, once /ready answers 200. */
export async function startGateway(databaseUrl: string, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<GatewayProcess> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const app = launch('apps/gateway/src/main.js', { DATABASE_URL: databaseUrl, PORT: String(port), ...env });
    const url = `http://127.0.0.1:${port}`;
    try {
      await until(
        async () => {
          if (!app.alive()) throw new Error(`the gateway exited (${app.child.exitCode ?? app.child.signalCode}):\n${app.output()}`);
          return (await probeReady(url)) === 200;
        },
        timeoutMs,
        'the gateway to be ready',
      );
      return { ...app, url, port };
    } catch (error) {
      await app.crash();
      // Another process took the free port between our look and the gateway's listen: try another.
      if (attempt < 3 && /EADDRINUSE/.test(app.output())) continue;
      // dist/ is shared: a build running meanwhile (npm run build elsewhere) can leave it half
      // written for a moment. A start that fails for a reason of its own fails three times.
      if (attempt < 3 && app.child.exitCode !== null) {
        console.warn(`the gateway did not start (attempt ${attempt}), trying again:\n${app.output().slice(-2000)}`);
        await sleep(3000);
        continue;
      }
      throw error;
    }
  }
}

/** The processor (projections, process managers and timers for gateways with RUN_PROJECTIONS=false). */
export async function startProcessor(databaseUrl: string, env: Record<string, string> = {}): Promise<AppProcess> {
  const app = launch('apps/processor/src/main.js', { DATABASE_URL: databaseUrl, ...env });
  await until(
    async () => {
      if (!app.alive()) throw new Error(`the processor exited:\n${app.output()}`);
      return app.output().includes('processor is running projections');
    },
    60_000,
    'the processor to start',
  );
  return app;
}

/** `npm run projections:rebuild` (dist/apps/processor/src/rebuild.js): empties the read models and replays the log. */
export async function rebuild(databaseUrl: string): Promise<void> {
  const app = launch('apps/processor/src/rebuild.js', { DATABASE_URL: databaseUrl });
  const code = await exited(app.child);
  if (code !== 0) throw new Error(`the rebuild failed (exit ${code}):\n${app.output()}`);
}

/** GET /ready's status, or 0 when nothing answers. */
export async function probeReady(url: string): Promise<number> {
  try {
    const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(5000) });
    await response.text();
    return response.status;
  } catch {
    return 0;
  }
}

/**
 * A TestApp for the fixtures (createMarketplaceScene and friends use only `gql`) that talks over
 * HTTP to whatever gateway `url()` names now: a restarted gateway may listen elsewhere.
 */
export function httpApp(url: () => string): TestApp {
  const gql: Gql = async (query, variables, token) => {
    const response = await fetch(`${url()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  };
  return {
    get url() {
      return url();
    },
    gql,
    close: async () => undefined,
  } as unknown as TestApp;
}

// ───────────────────────────── the storm ─────────────────────────────

export interface Accepted {
  placementId: string;
  shiftId: string;
  workerId: string;
  gateway: number;
}

/** What a storm did, as its clients saw it. */
export interface StormLog {
  accepted: Accepted[];
  cancelled: { placementId: string; by: 'WORKER' | 'RETAILER'; gateway: number }[];
  /** Business refusals by code/reason. */
  refusals: Record<string, number>;
  /** INTERNAL_SERVER_ERROR answers (expected only while the database is away), with the raw body. */
  internal: { at: number; body: string }[];
  /** Answers that were not JSON GraphQL (e.g. a 503), with their status and body. */
  nonGraphQL: { at: number; status: number; body: string }[];
  /** Requests with no answer: the process died under them (or they timed out). */
  lost: number;
  /** Anything else: always a failure. */
  unexpected: { op: string; at: number; ms: number; body: string }[];
  requests: number;
  /** The slowest answer, in ms. */
  slowestMs: number;
}

export function emptyLog(): StormLog {
  return { accepted: [], cancelled: [], refusals: {}, internal: [], nonGraphQL: [], lost: 0, unexpected: [], requests: 0, slowestMs: 0 };
}

export interface StormOptions {
  /** Gateway base URLs; each request goes to one of them at random. */
  gateways: () => string[];
  workers: SceneWorker[];
  shiftIds: string[];
  retailer: User;
  lanes: number;
  /** The share of turns that cancel a live placement (by its worker or the retailer, at random) instead of accepting. */
  cancelRate: number;
  random: ReturnType<typeof seededRandom>;
  /** The lanes stop when this turns true. */
  stopped: () => boolean;
  /** A lane stops at its first request without an answer (the crash test: the gateway is gone). */
  stopWhenLost?: boolean;
  /** Pause after a failed request, so a lane does not spin while the database is away. */
  pauseAfterErrorMs?: number;
  /** Every answer is recorded here (several storms may share one log). */
  log?: StormLog;
  /** Idempotency keys on every acceptShift (so the outcome of a lost request can be asked for again). */
  idempotent?: boolean;
}

/** What must never reach a client: driver and SQL messages, stack frames, hosts and ports, file paths. */
export function leaksInternals(text: string): boolean {
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|127\.0\.0\.1|localhost:\d|postgres|relation "|QueryFailedError|terminating connection|database system|\.js:\d+|node_modules|\bat \S+ \(.*:\d+:\d+\)/i.test(text)
    || /\b(SELECT|INSERT|UPDATE|DELETE) /.test(text);
}

/**
 * `lanes` clients at once, each in a loop until `stopped()`: a random worker accepts a random
 * posting through a random gateway, or (a `cancelRate` share of the turns) a live placement is
 * cancelled by its worker or the retailer, which frees a slot for the next accepts.
 */
export async function storm(options: StormOptions): Promise<StormLog> {
  const log = options.log ?? emptyLog();
  const { random } = options;
  let key = 0;

  async function call(op: string, query: string, variables: Record<string, unknown>, token: string, gateway: number): Promise<GraphQLResponse | 'lost' | 'failed'> {
    const url = options.gateways()[gateway];
    const started = Date.now();
    log.requests++;
    try {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = await response.text();
      log.slowestMs = Math.max(log.slowestMs, Date.now() - started);
      let parsed: GraphQLResponse;
      try {
        parsed = JSON.parse(body) as GraphQLResponse;
      } catch {
        log.nonGraphQL.push({ at: Date.now(), status: response.status, body });
        return 'failed';
      }
      if (!parsed.errors?.length) return parsed;
      const error = parsed.errors[0];
      if (error.extensions?.code === 'CONFLICT') {
        const reason = `CONFLICT/${error.extensions.reason}`;
        log.refusals[reason] = (log.refusals[reason] ?? 0) + 1;
        return parsed;
      }
      if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') log.internal.push({ at: Date.now(), body });
      else log.unexpected.push({ op, at: Date.now(), ms: Date.now() - started, body });
      return 'failed';
    } catch {
      log.lost++;
      return 'lost';
    }
  }

  // Placements this storm may cancel: those of the log still live, and those it makes.
  const cancelledIds = new Set(log.cancelled.map((c) => c.placementId));
  const live = new Map(log.accepted.filter((a) => !cancelledIds.has(a.placementId)).map((a) => [a.placementId, a]));
  const workerById = new Map(options.workers.map((w) => [w.workerId, w]));

  async function cancelOne(): Promise<'lost' | 'done'> {
    const ids = [...live.keys()];
    const placementId = ids[random.int(ids.length)];
    const placement = live.get(placementId)!;
    live.delete(placementId); // no other lane picks it meanwhile
    const worker = workerById.get(placement.workerId);
    const by = worker && random.next() < 0.5 ? 'WORKER' : 'RETAILER';
    const token = by === 'WORKER' ? worker!.token : options.retailer.token;
    const via = random.int(options.gateways().length);
    const cancelled = await call('cancelPlacement', OPS.cancelPlacement, { placementId, reason: 'storm' }, token, via);
    if (cancelled === 'lost') return 'lost';
    if (cancelled === 'failed') await sleep(options.pauseAfterErrorMs ?? 0);
    else if (cancelled.data?.cancelPlacement) log.cancelled.push({ placementId, by, gateway: via });
    return 'done';
  }

  async function acceptOne(): Promise<'lost' | 'done'> {
    const worker = random.pick(options.workers);
    const shiftId = random.pick(options.shiftIds);
    const via = random.int(options.gateways().length);
    const variables = { shiftId, ...(options.idempotent ? { idempotencyKey: `storm-${process.pid}-${Date.now()}-${key++}` } : {}) };
    const accepted = await call('acceptShift', OPS.acceptShift, variables, worker.token, via);
    if (accepted === 'lost') return 'lost';
    if (accepted === 'failed') {
      await sleep(options.pauseAfterErrorMs ?? 0);
      return 'done';
    }
    const placement = accepted.data?.acceptShift as { id: string } | undefined;
    if (placement) {
      const record = { placementId: placement.id, shiftId, workerId: worker.workerId, gateway: via };
      log.accepted.push(record);
      live.set(placement.id, record);
    }
    return 'done';
  }

  /** Each turn cancels a live placement (with probability cancelRate) or accepts a posting. */
  async function lane(): Promise<void> {
    while (!options.stopped()) {
      const outcome = live.size > 0 && random.next() < options.cancelRate ? await cancelOne() : await acceptOne();
      if (outcome === 'lost' && options.stopWhenLost) return;
      if (outcome === 'lost') await sleep(options.pauseAfterErrorMs ?? 0);
    }
  }

  await Promise.all(Array.from({ length: options.lanes }, lane));
  return log;
}

export function describeLog(log: StormLog): string {
  const refusals = Object.entries(log.refusals).map(([k, v]) => `${k.replace('CONFLICT/', '')} ${v}`).join(', ');
  return `${log.requests} requests: ${log.accepted.length} accepted, ${log.cancelled.length} cancelled, refused {${refusals}}, ` +
    `${log.internal.length} internal errors, ${log.nonGraphQL.length} non-GraphQL, ${log.lost} without an answer, slowest ${log.slowestMs} ms`;
}

// ───────────────────────────── checks on the event log ─────────────────────────────

interface EventRow {
  stream_id: string;
  type: string;
  data: Record<string, any>;
  transaction_id: string;
  position: string;
}

const BOOKING_TYPES = [
  'ShiftPosted', 'SlotTaken', 'SlotFreed', 'WorkerBooked', 'WorkerReleased', 'WorkerPlaced', 'WorkerInvited',
  'PlacementCancelled', 'PlacementRejected', 'PlacementExpired', 'PlacementNoShow', 'WorkerCheckedOut', 'ShiftCancelled',
];
/** Events that end a placement's hold on its slot and its worker's time (when it held them). */
const ENDS_HOLD = new Set(['PlacementCancelled', 'PlacementRejected', 'PlacementExpired', 'PlacementNoShow']);

export interface EventLogFacts {
  events: number;
  bookings: number;
  releases: number;
  /** Every problem found; empty when the log is sound. */
  problems: string[];
}

/**
 * The source of truth, checked from the events alone:
 * - no half-done booking: every SlotTaken (posting stream) has its WorkerPlaced (placement stream)
 *   and WorkerBooked (schedule stream), and the other way round, all three written by ONE
 *   transaction (the same transaction_id: the multi-stream append is atomic); every release of a
 *   slot (SlotFreed) comes with the schedule's WorkerReleased and the placement's ending event in
 *   one transaction, and every ended placement that held a slot released it;
 * - the invariants at every moment of history, not only at the end: replaying the log in commit
 *   order, no posting ever holds more than `slots` placements and no worker's schedule ever holds
 *   two overlapping bookings.
 */
export async function checkEventLog(pool: Pool): Promise<EventLogFacts> {
  const { rows } = await pool.query<EventRow>(
    `SELECT stream_id, type, data, transaction_id::text AS transaction_id, position::text AS position
       FROM events e WHERE e.type = ANY($1) ORDER BY e.transaction_id, e.position` /* the columns, not the text aliases */,
    [BOOKING_TYPES],
  );
  const { rows: [{ n }] } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM events');
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < 50) problems.push(text);
  };

  // Per placement: the transaction of each booking-related event.
  type Trail = Partial<Record<string, string[]>>;
  const trails = new Map<string, Trail>();
  const note = (placementId: string, type: string, tx: string) => {
    const trail = trails.get(placementId) ?? {};
    (trail[type] ??= []).push(tx);
    trails.set(placementId, trail);
  };
  const slots = new Map<string, number>();
  const held = new Map<string, Set<string>>();
  const schedules = new Map<string, Map<string, { startsAt: number; endsAt: number }>>();
  let bookings = 0;
  let releases = 0;

  for (const e of rows) {
    const d = e.data;
    switch (e.type) {
      case 'ShiftPosted':
        slots.set(d.shiftId, d.slots);
        held.set(d.shiftId, new Set());
        break;
      case 'SlotTaken': {
        note(d.placementId, e.type, e.transaction_id);
        const holding = held.get(d.shiftId) ?? new Set<string>();
        holding.add(d.placementId);
        held.set(d.shiftId, holding);
        if (holding.size > (slots.get(d.shiftId) ?? 0)) problem(`posting ${d.shiftId} held ${holding.size} placements, over its ${slots.get(d.shiftId)} slots, at ${e.position}`);
        bookings++;
        break;
      }
      case 'SlotFreed':
        note(d.placementId, e.type, e.transaction_id);
        if (!held.get(d.shiftId)?.delete(d.placementId)) problem(`posting ${d.shiftId} freed a slot placement ${d.placementId} did not hold`);
        releases++;
        break;
      case 'WorkerBooked': {
        note(d.placementId, e.type, e.transaction_id);
        const schedule = schedules.get(d.workerId) ?? new Map();
        const booking = { startsAt: Date.parse(d.startsAt), endsAt: Date.parse(d.endsAt) };
        for (const [other, b] of schedule) {
          if (booking.startsAt < b.endsAt && b.startsAt < booking.endsAt) problem(`worker ${d.workerId} booked for ${d.placementId} over ${other} at ${e.position}`);
        }
        schedule.set(d.placementId, booking);
        schedules.set(d.workerId, schedule);
        break;
      }
      case 'WorkerReleased':
        note(d.placementId, e.type, e.transaction_id);
        if (!schedules.get(d.workerId)?.delete(d.placementId)) problem(`worker ${d.workerId} released ${d.placementId}, which was not booked`);
        break;
      default:
        if (d.placementId) note(d.placementId, e.type, e.transaction_id);
    }
  }

  for (const [placementId, trail] of trails) {
    const taken = trail.SlotTaken ?? [];
    const placed = trail.WorkerPlaced ?? [];
    const booked = trail.WorkerBooked ?? [];
    if (taken.length !== placed.length || taken.length !== booked.length) {
      problem(`half-done booking of ${placementId}: ${taken.length} SlotTaken, ${placed.length} WorkerPlaced, ${booked.length} WorkerBooked`);
    } else if (taken.length && (taken.some((tx, i) => tx !== placed[i] || tx !== booked[i]))) {
      problem(`booking of ${placementId} written by several transactions: ${[taken, placed, booked].join(' / ')}`);
    }
    const freed = trail.SlotFreed ?? [];
    const released = trail.WorkerReleased ?? [];
    const ended = Object.entries(trail).filter(([type]) => ENDS_HOLD.has(type)).flatMap(([, txs]) => txs!);
    for (const tx of freed) {
      if (!released.includes(tx)) problem(`${placementId}: a slot freed without the schedule's release in the same transaction`);
      if (!ended.includes(tx)) problem(`${placementId}: a slot freed without the placement ending in the same transaction`);
    }
    // A placement that held a slot and ended (without a check-out, which releases the schedule but keeps the slot) released both.
    if (placed.length && ended.length && !(trail.WorkerCheckedOut ?? []).length) {
      if (freed.length !== 1 || released.length !== 1) problem(`${placementId} ended but released ${freed.length} slots and ${released.length} schedule bookings`);
      else if (freed[0] !== ended[0]) problem(`${placementId} ended in one transaction and released its slot in another`);
    }
  }
  return { events: Number(n), bookings, releases, problems };
}

/**
 * What the clients were told succeeded is in the log: each accepted placement has a
 * `placement-<id>` stream with its WorkerPlaced (for that worker and posting), each cancellation
 * its PlacementCancelled, each posting its ShiftPosted.
 */
export async function missingEvents(pool: Pool, log: Pick<StormLog, 'accepted' | 'cancelled'>, postedShiftIds: string[] = []): Promise<string[]> {
  const missing: string[] = [];
  const placed = await pool.query<{ id: string; shift_id: string; worker_id: string }>(
    `SELECT substr(stream_id, 11) AS id, data->>'shiftId' AS shift_id, data->>'workerId' AS worker_id
       FROM events WHERE type = 'WorkerPlaced' AND stream_id = ANY($1)`,
    [log.accepted.map((a) => `placement-${a.placementId}`)],
  );
  const byId = new Map(placed.rows.map((row) => [row.id, row]));
  for (const a of log.accepted) {
    const row = byId.get(a.placementId);
    if (!row) missing.push(`acceptShift ${a.placementId}: no WorkerPlaced`);
    else if (row.shift_id !== a.shiftId || row.worker_id !== a.workerId) missing.push(`acceptShift ${a.placementId}: WorkerPlaced for another shift or worker`);
  }
  const cancelled = await pool.query<{ stream_id: string }>(
    `SELECT stream_id FROM events WHERE type = 'PlacementCancelled' AND stream_id = ANY($1)`,
    [log.cancelled.map((c) => `placement-${c.placementId}`)],
  );
  const cancelledStreams = new Set(cancelled.rows.map((row) => row.stream_id));
  for (const c of log.cancelled) if (!cancelledStreams.has(`placement-${c.placementId}`)) missing.push(`cancelPlacement ${c.placementId}: no PlacementCancelled`);
  const posted = await pool.query<{ stream_id: string }>(
    `SELECT stream_id FROM events WHERE type = 'ShiftPosted' AND stream_id = ANY($1)`,
    [postedShiftIds.map((id) => `shift-${id}`)],
  );
  const postedStreams = new Set(posted.rows.map((row) => row.stream_id));
  for (const id of postedShiftIds) if (!postedStreams.has(`shift-${id}`)) missing.push(`postShift ${id}: no ShiftPosted`);
  return missing;
}

// ───────────────────────────── checks on the read models ─────────────────────────────

/** API-RULES.md's two booking invariants on the read side (the SQL of test/bench/p3-storm.bench.ts), plus slotsFilled agreeing. */
export async function readModelViolations(pool: Pool): Promise<string[]> {
  const violations: string[] = [];
  const overfull = await pool.query(`
    SELECT s.id, s.slots, s.slots_filled, count(p.id) AS holding FROM shift_postings s
    LEFT JOIN placements p ON p.shift_id = s.id
      AND p.status IN ('PENDING_LENDER','CONFIRMED','CHECKED_IN','CHECKED_OUT','APPROVED','DISPUTED','SETTLED')
    GROUP BY s.id, s.slots, s.slots_filled HAVING count(p.id) > s.slots OR count(p.id) <> s.slots_filled`);
  for (const row of overfull.rows) violations.push(`posting ${row.id}: ${row.holding} placements holding slots, ${row.slots} slots, slots_filled ${row.slots_filled}`);
  const overlapping = await pool.query(`
    SELECT a.id AS a, b.id AS b, a.worker_id FROM placements a JOIN placements b
      ON a.worker_id = b.worker_id AND a.id < b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
    WHERE a.status IN ('PENDING_LENDER','CONFIRMED','CHECKED_IN') AND b.status IN ('PENDING_LENDER','CONFIRMED','CHECKED_IN')`);
  for (const row of overlapping.rows) violations.push(`worker ${row.worker_id}: overlapping live placements ${row.a} and ${row.b}`);
  return violations;
}

/** Every read-model table (as the projections list them), row by row, order-free; serial ids left out. */
export async function snapshotReadModels(pool: Pool): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of [...new Set(allProjections.flatMap((p) => p.tables))].sort()) {
    const { rows } = await pool.query<{ row: string }>(`SELECT (to_jsonb(t) - 'seq')::text AS row FROM ${table} t`);
    snapshot[table] = rows.map((r) => r.row).sort();
  }
  return snapshot;
}

/** The tables that differ between two snapshots, with a few rows of each difference. */
export function snapshotDifferences(before: Record<string, string[]>, after: Record<string, string[]>): string[] {
  const differences: string[] = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = new Set(before[table] ?? []);
    const b = new Set(after[table] ?? []);
    const gone = [...a].filter((row) => !b.has(row));
    const added = [...b].filter((row) => !a.has(row));
    if (gone.length || added.length) differences.push(`${table}: only before ${JSON.stringify(gone.slice(0, 3))}; only after ${JSON.stringify(added.slice(0, 3))}`);
  }
  return differences;
}

/** The position of the last event in the log. */
export async function headPosition(pool: Pool): Promise<string | null> {
  const { rows } = await pool.query<{ tx: string; position: string }>(
    'SELECT e.transaction_id::text AS tx, e.position::text AS position FROM events e ORDER BY e.transaction_id DESC, e.position DESC LIMIT 1',
  );
  return rows[0] ? encodePosition(rows[0].tx, rows[0].position) : null;
}

/** Until the runner `name` has applied the whole log (call with no writes in flight). */
export async function caughtUp(pool: Pool, name = 'read-models', timeoutMs = 60_000): Promise<void> {
  const head = await headPosition(pool);
  await until(
    async () => {
      const { rows } = await pool.query<{ position: string }>('SELECT position FROM projection_checkpoints WHERE name = $1', [name]);
      return head === null || (rows[0] !== undefined && rows[0].position >= head);
    },
    timeoutMs,
    `${name} to reach the head of the log (${head})`,
  );
}

// ───────────────────────────── subscriptions ─────────────────────────────

export interface Subscriber<T> {
  received: T[];
  errors: unknown[];
  /** Resolves once the socket is connected and acknowledged. */
  connected: Promise<void>;
  client: Client;
}

/** A graphql-ws subscription with a real client (as test/subscriptions.e2e.spec.ts does). */
export function subscribe<T = any>(httpUrl: string, token: string, query: string, variables: Record<string, unknown> = {}): Subscriber<T> {
  let markConnected!: () => void;
  const connected = new Promise<void>((resolve) => (markConnected = resolve));
  const client = createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    on: { connected: () => markConnected() },
  });
  const subscriber: Subscriber<T> = { received: [], errors: [], connected, client };
  client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors?.length) subscriber.errors.push(...result.errors);
        if (result.data) subscriber.received.push(result.data as T);
      },
      error: (error) => subscriber.errors.push(error),
      complete: () => undefined,
    },
  );
  return subscriber;
}


// ───────────────────────────── a PostgreSQL of one's own ─────────────────────────────

/**
 * A dedicated embedded PostgreSQL (test/reliability/pg-server.mjs in a process of its own) that
 * can be stopped and started again on the same data folder and port: for the outage test, which
 * must not stop the server the other suites share.
 */
export class PgServer {
  private process: ChildProcess | null = null;

  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  url(database = 'postgres'): string {
    return `postgres://postgres:postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    if (this.process) return;
    const child = spawn(process.execPath, [`${__dirname}/pg-server.mjs`, this.dataDir, String(this.port)], {
      // stdin stays open: when this process dies, it closes, and the server stops PostgreSQL.
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('ready')) resolve();
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.once('exit', (code) => reject(new Error(`PostgreSQL did not start (exit ${code}): ${output}`)));
    });
    this.process = child;
  }

  /** A fast shutdown: PostgreSQL ends every connection and stops; the data stays. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child) return;
    this.process = null;
    const done = exited(child);
    child.kill('SIGTERM');
    await done;
  }
}
