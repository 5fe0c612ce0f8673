import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ManualClock } from '@blue-ocean/kernel';
import { startTestApp, TestApp } from '../support/app';
import { createMarketplaceScene, dataOf, HOUR, iso, MINUTE, OPS, Scene, User } from '../support/marketplace-fixtures';
import { FuzzRequest, IdKind, Rng, SchemaFuzzer } from '../support/schema-fuzzer';

/**
 * Issue 7, part 4: a schema-aware fuzzer against the real gateway. 1,000 requests in `npm test`,
 * 10,000 with SOAK=1, from a fixed seed (FUZZ_SEED replays another), sent one at a time as
 * anonymous, a worker, a lender admin, a retailer admin and a platform admin. Every response must
 * be a refusal with an API-RULES code or an answer: no INTERNAL_SERVER_ERROR, nothing internal
 * leaked, and no event written by a refused mutation (a check-in refused for FEVER excepted).
 */

const SOAK = !!process.env.SOAK && process.env.SOAK !== '0';
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? (SOAK ? 10_000 : 1_000));
const SEED = Number(process.env.FUZZ_SEED ?? 0x7e57_b10e) >>> 0;

const CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'RATE_LIMITED']);
const REASONS = new Set([
  'ALREADY_EXISTS', 'SHIFT_NOT_OPEN', 'SHIFT_FULL', 'SHIFT_STARTED', 'WORKER_BUSY', 'NOT_LENT', 'TOO_FAR', 'RATE_TOO_LOW',
  'HEALTH_CODE_NOT_GREEN', 'WEEKLY_HOURS_EXCEEDED', 'OUTSIDE_GEOFENCE', 'FEVER', 'CHECK_IN_WINDOW', 'INVALID_TRANSITION',
  'SETTLEMENT_CLOSED', 'IDEMPOTENCY_KEY_REUSED',
]);

/** What must never reach a client: stack traces, SQL, file paths, class names, internal codes. */
const LEAKS: readonly (readonly [string, RegExp])[] = [
  ['stack trace', /\n\s+at\s|\bat\s+\S+\s+\([^)]*:\d+:\d+\)/],
  ['file path', /\/work\/|\/home\/|\/usr\/|\/tmp\/|node_modules|\b[\w.-]+\.(ts|js|mjs|cjs):\d+|\bdist\/(apps|libs)\//],
  ['SQL', /\b(SELECT|INSERT|UPDATE|DELETE)\b|\brelation "|\bviolates\b|\bduplicate key\b|\bsyntax error at or near\b|\binvalid input syntax\b|\binvalid byte sequence\b|\bunsupported Unicode escape\b|SQLSTATE|\bpg_/],
  ['class name', /\b(QueryFailedError|TypeError|ReferenceError|RangeError|SyntaxError|EntityNotFoundError|TypeORMError|DatabaseError|FastifyError|DomainError|InvalidInput|HttpException|BadRequestException)\b/],
  ['internal code', /\b(MER_ERR_\w+|FST_ERR_\w+|ECONNREFUSED|ECONNRESET|ERR_[A-Z_]{4,})\b/],
];

type GraphQLBody = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string; reason?: string; field?: string } }[] };

interface Outcome {
  status: number;
  text: string;
  json: GraphQLBody | null;
}

describe('fuzzed input (issue 7, part 4)', () => {
  let app: TestApp;
  let scene: Scene;
  let clock: ManualClock;
  let callers: { name: string; user: User | null }[];
  let knownIds: Partial<Record<IdKind, string[]>>;

  beforeAll(async () => {
    clock = new ManualClock(new Date());
    app = await startTestApp({}, { clock });
    scene = await createMarketplaceScene(app, { workers: 2, clock });
    const [worker] = scene.workers;
    // Objects in interesting states for the fuzzer's valid-ish ids: a confirmed placement two
    // days ahead, one starting in ten minutes (check-in window open), an invitation, and a
    // posting with free slots.
    const later = await scene.postShift({ slots: 3 });
    const confirmed = dataOf(await app.gql(OPS.acceptShift, { shiftId: later.id }, worker.token), 'acceptShift').acceptShift;
    const soon = await scene.postShift({ startsAt: iso(clock.now().getTime() + 10 * MINUTE), endsAt: iso(clock.now().getTime() + 2 * HOUR), requiresGreenCode: false });
    const checkInnable = dataOf(await app.gql(OPS.acceptShift, { shiftId: soon.id }, worker.token), 'acceptShift').acceptShift;
    const invitedTo = await scene.postShift({ startsAt: iso(clock.now().getTime() + 3 * 24 * HOUR), endsAt: iso(clock.now().getTime() + 3 * 24 * HOUR + 4 * HOUR) });
    const invitation = dataOf(await app.gql(OPS.inviteWorker, { shiftId: invitedTo.id, workerId: worker.workerId }, scene.retailerAdmin.token), 'inviteWorker').inviteWorker;
    knownIds = {
      organization: [scene.lenderId, scene.retailerId],
      site: [scene.siteId],
      worker: scene.workers.map((w) => w.workerId),
      offer: scene.workers.map((w) => w.offerId!),
      shift: [later.id, soon.id, invitedTo.id],
      placement: [confirmed.id, checkInnable.id, invitation.id],
      user: [...scene.workers.map((w) => w.userId), scene.lenderAdmin.userId, scene.retailerAdmin.userId, scene.admin.userId],
    };
    callers = [
      { name: 'anonymous', user: null },
      { name: 'worker', user: worker },
      { name: 'lender admin', user: scene.lenderAdmin },
      { name: 'retailer admin', user: scene.retailerAdmin },
      { name: 'platform admin', user: scene.admin },
    ];
  });
  afterAll(() => app?.close());

  const countEvents = async (): Promise<number> => Number((await app.db.pool.query('SELECT count(*)::int AS n FROM events')).rows[0].n);

  /** Events after `before` that a request wrote (timers write with no actor; the fee process manager with a correlation id). */
  async function eventsWrittenByRequests(before: number): Promise<{ type: string; stream: string }[]> {
    const { rows } = await app.db.pool.query(
      `SELECT type, stream_id AS stream, metadata FROM events ORDER BY position OFFSET $1`,
      [before],
    );
    return rows.filter((r) => r.metadata?.actor && !r.metadata?.correlationId).map((r) => ({ type: r.type, stream: r.stream }));
  }

  async function send(request: FuzzRequest, token: string | null): Promise<Outcome> {
    const headers = { ...request.headers };
    if (token && !('authorization' in headers)) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${app.url}${request.path}`, { method: request.method, headers, body: request.method === 'POST' ? request.body : undefined });
    const text = await response.text();
    let json: GraphQLBody | null = null;
    try {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && ('data' in parsed || 'errors' in parsed)) json = parsed as GraphQLBody;
    } catch {
      // not JSON: only the status and the leak checks apply
    }
    return { status: response.status, text, json };
  }

  /** The problems with one response; empty when it is a clean answer or a clean refusal. */
  function problemsOf(request: FuzzRequest, outcome: Outcome): string[] {
    const problems: string[] = [];
    if (outcome.status >= 500) problems.push(`HTTP ${outcome.status}`);
    for (const error of outcome.json?.errors ?? []) {
      const code = error.extensions?.code;
      if (!code || !CODES.has(code)) problems.push(`error code ${code ?? '(none)'}: ${error.message}`);
      if (code === 'CONFLICT' && !REASONS.has(error.extensions?.reason ?? '')) problems.push(`CONFLICT without a known reason: ${error.extensions?.reason}`);
    }
    for (const [what, pattern] of LEAKS) {
      // A pattern the request itself contains may be echoed back (e.g. a GraphQL syntax error quoting the query).
      if (pattern.test(outcome.text) && !pattern.test(request.body ?? '') && !pattern.test(request.path)) {
        problems.push(`leaks ${what}: ${outcome.text.match(pattern)?.[0]}`);
      }
    }
    if (request.expectRefusal) {
      const codes = (outcome.json?.errors ?? []).map((e) => e.extensions?.code);
      if (!codes.length || codes.some((c) => c !== 'BAD_USER_INPUT') || outcome.json?.data) problems.push(`expected a BAD_USER_INPUT refusal, got ${JSON.stringify(codes)}`);
    }
    return problems;
  }

  /**
   * Whether a mutation was refused as a whole: refused before execution (an error without a path),
   * or every root field refused. (Root fields run one after the other, and one refused non-null
   * field nulls the whole `data`, so `data: null` alone does not say that nothing ran.)
   */
  function refusedMutation(request: FuzzRequest, outcome: Outcome): boolean {
    const errors = outcome.json?.errors ?? [];
    if (!errors.length) return false;
    const paths = errors.map((e) => (e as { path?: unknown[] }).path ?? []);
    if (paths.some((path) => path.length === 0)) return true;
    // An error deeper than the root field (path length > 1) comes after its resolver succeeded.
    const refusedFields = new Set(paths.filter((path) => path.length === 1).map((path) => path[0]));
    return refusedFields.size >= request.rootFields.length;
  }

  test(`${REQUESTS} fuzzed requests from the served schema: no internal error, no leak, no event from a refusal`, async () => {
    const rng = new Rng(SEED);
    const schema = app.app.get(GraphQLSchemaHost).schema;
    const fuzzer = new SchemaFuzzer(schema, rng, { ids: knownIds, now: clock.now(), emails: callers.flatMap((c) => (c.user ? [c.user.email] : [])) }, { depth: 12, hugeBodyBytes: 1_100_000 });
    console.log(`Fuzzing with seed ${SEED} (0x${SEED.toString(16)}): ${REQUESTS} requests; replay with FUZZ_SEED=${SEED}`);

    const failures: string[] = [];
    const byKind = new Map<string, number>();
    const byCode = new Map<string, number>();
    const fieldsReached = new Set<string>();
    let refusedMutations = 0;
    let feverExceptions = 0;
    let backgroundEvents = 0;
    const started = Date.now();
    const slowest: { ms: number; what: string }[] = [];

    for (let i = 0; i < REQUESTS; i++) {
      const request = fuzzer.next();
      const caller = rng.pick(callers);
      const before = await countEvents();
      const sentAt = Date.now();
      const outcome = await send(request, caller.user?.token ?? null);
      slowest.push({ ms: Date.now() - sentAt, what: `#${i} ${request.label.slice(0, 80)} as ${caller.name}` });
      slowest.sort((a, b) => b.ms - a.ms).splice(5);
      const after = await countEvents();

      byKind.set(request.kind, (byKind.get(request.kind) ?? 0) + 1);
      const codes = (outcome.json?.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.reason].filter(Boolean).join('/'));
      for (const code of codes.length ? new Set(codes) : [outcome.json ? 'OK' : `HTTP ${outcome.status}`]) byCode.set(code, (byCode.get(code) ?? 0) + 1);
      // A root field "reached" its resolver when it answered or was refused by it (an error with a path).
      if (request.rootFields.length === 1) {
        const reached = (outcome.json?.errors ?? []).some((e) => (e as { path?: unknown[] }).path) || Object.values(outcome.json?.data ?? {}).some((v) => v !== null);
        if (reached) fieldsReached.add(`${request.operation}:${request.rootFields[0]}`);
      }

      const problems = problemsOf(request, outcome);
      if (after !== before) {
        const written = await eventsWrittenByRequests(before);
        backgroundEvents += after - before - written.length;
        const fever = (outcome.json?.errors ?? []).some((e) => e.extensions?.reason === 'FEVER');
        if (written.length && request.operation === 'mutation' && refusedMutation(request, outcome)) {
          if (fever) feverExceptions++;
          else problems.push(`a refused mutation wrote ${written.length} event(s): ${written.map((e) => e.type).join(', ')}`);
        } else if (written.length && request.operation !== 'mutation') {
          problems.push(`a ${request.operation ?? 'non-GraphQL'} request wrote ${written.length} event(s): ${written.map((e) => e.type).join(', ')}`);
        }
      }
      if (request.operation === 'mutation' && refusedMutation(request, outcome)) refusedMutations++;

      if (problems.length && failures.length < 30) {
        failures.push(
          `#${i} [${request.kind}] ${request.label} as ${caller.name}: ${problems.join('; ')}\n` +
            `    request: ${request.method} ${request.path.slice(0, 200)} ${(request.body ?? '').slice(0, 600)}\n` +
            `    response: ${outcome.status} ${outcome.text.slice(0, 600)}`,
        );
      }
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const top = [...byCode].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ');
    const rootFields = fuzzer.rootFieldNames();
    console.log(
      `Fuzzed ${REQUESTS} requests (seed ${SEED}) in ${seconds} s\n` +
        `  by kind: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}\n` +
        `  outcomes: ${top}\n` +
        `  root fields reached past validation: ${fieldsReached.size} of ${rootFields.length}\n` +
        `  refused mutations checked for events: ${refusedMutations} (FEVER exceptions: ${feverExceptions}; background events ignored: ${backgroundEvents})\n` +
        `  slowest: ${slowest.map((s) => `${s.ms} ms ${s.what}`).join('; ')}\n` +
        `  failures: ${failures.length}`,
    );
    expect(failures).toEqual([]);
    expect(byCode.get('INTERNAL_SERVER_ERROR') ?? 0).toBe(0);
  }, REQUESTS * 200 + 60_000);

  // ───────────── the depth, cost and size limits, one by one ─────────────

  test('a query nested past the depth limit (12) is refused with BAD_USER_INPUT and a clear message; one at the limit is not', async () => {
    const nest = (levels: string) =>
      `query($id: ID!) { placement(id: $id) { worker { placements(first: 1) { edges { node { shift { site { organization { sites { organization { ${levels} } } } } } } } } } } }`;
    const atLimit = await app.gql(nest('sites { id }'), { id: knownIds.placement![0] }, scene.retailerAdmin.token);
    expect((atLimit.errors ?? []).map((e) => e.extensions.code)).not.toContain('BAD_USER_INPUT');
    const tooDeep = await app.gql(nest('sites { organization { id } }'), { id: knownIds.placement![0] }, scene.retailerAdmin.token);
    expect(tooDeep.data ?? null).toBeNull();
    expect(tooDeep.errors).toEqual([expect.objectContaining({ message: 'The query is nested too deeply: depth 13, at most 12 levels are allowed.', extensions: { code: 'BAD_USER_INPUT' } })]);
  });

  test('an alias bomb is refused by the cost limit before anything runs', async () => {
    const bomb = `query($r: ID!) { ${Array.from({ length: 40 }, (_, i) => `a${i}: shifts(retailerId: $r, first: 100) { edges { node { id title site { id } } } }`).join(' ')} }`;
    const refused = await app.gql(bomb, { r: scene.retailerId }, scene.retailerAdmin.token);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].message).toMatch(/^The query is too expensive: its cost is \d+, at most 10000 is allowed/);

    // Nested lists multiply: 100 aliases of memberships → sites → organization → sites.
    const fanOut = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: me { memberships { organization { sites { organization { sites { id } } } } } }`).join(' ')} }`;
    expect(refusalCodes(await app.gql(fanOut, {}, scene.retailerAdmin.token))).toEqual(['BAD_USER_INPUT']);

    // A mutation field is a command and counts 100: a hundred of them in one request are refused
    // as a whole (not one organization registered, not one event written); a few are not.
    const before = await countEvents();
    const input = (i: number) => `{ name: "Bomb", kinds: [RETAILER], industry: OTHER, city: "Shanghai", timezone: "Asia/Shanghai", businessLicenceNumber: "BOMB-${i}" }`;
    const mutations = (n: number) => `mutation { ${Array.from({ length: n }, (_, i) => `a${i}: registerOrganization(input: ${input(i)}) { id }`).join(' ')} }`;
    expect(refusalCodes(await app.gql(mutations(100), {}, scene.retailerAdmin.token))).toEqual(['BAD_USER_INPUT']);
    expect(await countEvents()).toBe(before);
    const few = await app.gql(mutations(3), {}, scene.retailerAdmin.token);
    expect(few.errors).toBeUndefined();
    expect(Object.keys(few.data!)).toHaveLength(3);
  });

  test('a document too long to be a real query, or a fragment bomb, is refused quickly', async () => {
    const started = Date.now();
    const tooLong = await app.gql(`{ ${Array.from({ length: 3000 }, (_, i) => `a${i}: me { id }`).join(' ')} }`, {}, scene.retailerAdmin.token);
    expect(refusalCodes(tooLong)).toEqual(['BAD_USER_INPUT']);
    expect(tooLong.errors![0].message).toMatch(/Document contains more th\w+ 10000 tokens/);

    let fragments = 'fragment F0 on User { id email }';
    for (let i = 1; i <= 30; i++) fragments += ` fragment F${i} on User { ...F${i - 1} memberships { organization { id } } ...F${i - 1} }`;
    const bomb = await app.gql(`{ me { ...F30 } } ${fragments}`, {}, scene.retailerAdmin.token);
    expect(refusalCodes(bomb)).toEqual(['BAD_USER_INPUT']);
    expect(bomb.errors![0].message).toMatch(/too expensive/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('the heaviest query the e2e suites send (settlements with their lines, first: 100) is within the limits', async () => {
    const query = `query($organizationId: ID!, $first: Int) {
      settlements(organizationId: $organizationId, first: $first) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id retailer { id } lender { id } businessDate status grossPay cancellationFees platformFees total currency
          paymentReference paidAt lines { placement { id status } kind amount } } }
      }
    }`;
    const response = await app.gql(query, { organizationId: scene.retailerId, first: 100 }, scene.retailerAdmin.token);
    expect(response.errors).toBeUndefined();
  });

  test('subscriptions over HTTP and JSON that is not GraphQL text are refused with BAD_USER_INPUT', async () => {
    expect(refusalCodes(await app.gql('subscription { shiftOffered { id } }', {}, scene.workers[0].token))).toEqual(['BAD_USER_INPUT']);
    for (const query of ['null', '[]', '{"kind":"Document"}', '{"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field"}]}}]}']) {
      expect({ query, codes: refusalCodes(await app.gql(query, {}, scene.workers[0].token)) }).toEqual({ query, codes: ['BAD_USER_INPUT'] });
    }
  });
});

function refusalCodes(response: { errors?: { extensions: { code: string } }[] }): string[] {
  return [...new Set((response.errors ?? []).map((e) => e.extensions.code))];
}
