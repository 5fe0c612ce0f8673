import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Clock } from '@blue-ocean/kernel';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { loadConfig } from '@blue-ocean/composition';
import { GraphQLResponse, refusal, signUp, TestApp } from './app';

/**
 * Builds a marketplace scene over HTTP, through the public API only: a verified lender, a verified
 * retailer with a site in Shanghai, and workers enrolled by the lender, each claimed by its own
 * user, attested GREEN by a platform admin and offered for lending. Then postShift and friends.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const ADMIN_EMAIL = 'admin@blue-ocean.test';
export const PASSWORD = 'correct horse battery';
/** People's Square, Shanghai. */
export const SHANGHAI = { lat: 31.2304, lng: 121.4737 };
/** About 1.1 km north-east of the site: well within any default travel distance. */
export const NEAR_SITE = { lat: 31.2384, lng: 121.4807 };

export type User = { token: string; userId: string; email: string };
export type GeoPoint = { lat: number; lng: number };
export type Gql = <T = any>(query: string, variables?: Record<string, unknown>, token?: string) => Promise<GraphQLResponse<T>>;

// ───────────────────────────── operations (names and fields exactly as in the contract) ─────────────────────────────

export const SHIFT_FIELDS = `id site { id } retailer { id } role title description startsAt endsAt unpaidBreakMinutes
  slots slotsFilled hourlyRate currency requiresGreenCode status`;
/** Every Placement field the marketplace serves, but `insurance` (asked for where a slot is taken). */
export const PLACEMENT_FIELDS = `id status invitedAt confirmedAt shift { id } worker { id } lender { id }
  cancellation { by reason at late fee }`;
export const INSURANCE_FIELDS = `insurance { policyNumber coverage currency }`;

export const OPS = {
  register: `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`,
  verify: `mutation($id: ID!, $approve: Boolean!) { verifyOrganization(organizationId: $id, approve: $approve) { id verification } }`,
  addSite: `mutation($input: AddSiteInput!) { addSite(input: $input) { id } }`,
  addMember: `mutation($org: ID!, $email: String!, $role: MemberRole!) { addMember(organizationId: $org, email: $email, role: $role) { role } }`,
  logIn: `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { id } } }`,
  enroll: `mutation($input: EnrollWorkerInput!) { enrollWorker(input: $input) { claimCode worker { id } } }`,
  claim: `mutation($code: String!) { claimWorkerProfile(claimCode: $code) { id } }`,
  attest: `mutation($input: HealthAttestationInput!) { attestHealth(input: $input) { code } }`,
  offer: `mutation($input: OfferWorkerInput!) { offerWorker(input: $input) { id } }`,
  withdraw: `mutation($id: ID!) { withdrawLendingOffer(offerId: $id) { id active } }`,

  postShift: `mutation($input: PostShiftInput!) { postShift(input: $input) { ${SHIFT_FIELDS} } }`,
  cancelShift: `mutation($shiftId: ID!, $reason: String!) { cancelShift(shiftId: $shiftId, reason: $reason) { id status slotsFilled } }`,
  shift: `query($id: ID!) { shift(id: $id) { ${SHIFT_FIELDS} } }`,
  shiftPlacements: `query($id: ID!) { shift(id: $id) { id slots slotsFilled status placements { id status worker { id } } } }`,
  shiftHistory: `query($id: ID!) { shift(id: $id) { history { id stream revision type occurredAt actor data } } }`,
  shifts: `query($retailerId: ID!, $status: [ShiftStatus!], $first: Int, $after: String) {
    shifts(retailerId: $retailerId, status: $status, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status } }
    }
  }`,
  acceptShift: `mutation($shiftId: ID!, $idempotencyKey: String) {
    acceptShift(shiftId: $shiftId, idempotencyKey: $idempotencyKey) { ${PLACEMENT_FIELDS} ${INSURANCE_FIELDS} }
  }`,
  inviteWorker: `mutation($shiftId: ID!, $workerId: ID!, $idempotencyKey: String) {
    inviteWorker(shiftId: $shiftId, workerId: $workerId, idempotencyKey: $idempotencyKey) { ${PLACEMENT_FIELDS} }
  }`,
  respondToInvitation: `mutation($placementId: ID!, $accept: Boolean!) {
    respondToInvitation(placementId: $placementId, accept: $accept) { ${PLACEMENT_FIELDS} }
  }`,
  decidePlacement: `mutation($placementId: ID!, $approve: Boolean!, $reason: String) {
    decidePlacement(placementId: $placementId, approve: $approve, reason: $reason) { ${PLACEMENT_FIELDS} }
  }`,
  cancelPlacement: `mutation($placementId: ID!, $reason: String!) {
    cancelPlacement(placementId: $placementId, reason: $reason) { ${PLACEMENT_FIELDS} }
  }`,
  placement: `query($id: ID!) { placement(id: $id) { ${PLACEMENT_FIELDS} } }`,
  placementInsurance: `query($id: ID!) { placement(id: $id) { id status ${INSURANCE_FIELDS} } }`,
  placementHistory: `query($id: ID!) { placement(id: $id) { history { id stream revision type occurredAt actor data } } }`,
  placements: `query($organizationId: ID!, $status: [PlacementStatus!], $first: Int, $after: String) {
    placements(organizationId: $organizationId, status: $status, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id status worker { id } shift { id startsAt endsAt } } }
    }
  }`,
} as const;

// ───────────────────────────── small helpers ─────────────────────────────

/** The response's data, or a thrown error naming what failed and why. */
export function dataOf<T = any>(response: GraphQLResponse<T>, what: string): T {
  if (response.errors?.length || !response.data) throw new Error(`${what} failed: ${JSON.stringify(response.errors ?? response)}`);
  return response.data;
}

/** Runs `task` over `items` with at most `concurrency` in flight; results keep the items' order. */
export async function inPool<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** Polls `probe` until it returns something truthy (timers run in-process, so expiry is asynchronous). */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const value = await probe().catch((error) => ((last = error), undefined));
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `{ code, reason }` of a refusal, for compact assertions over many responses. */
export function codeOf(response: GraphQLResponse): string {
  const r = refusal(response);
  return r ? [r.code, r.reason].filter(Boolean).join('/') : 'OK';
}

export const iso = (at: Date | number) => new Date(at).toISOString();

/** A gql function bound to a base URL: for talking to a second gateway. */
export function gqlAt(url: string): Gql {
  return async (query, variables, token) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  };
}

// ───────────────────────────── users and organizations ─────────────────────────────

export async function signUpUser(app: TestApp, email: string): Promise<User> {
  return { ...(await signUp(app, email)), email };
}

/** Signs users up `concurrency` at a time (argon2 is the cost: tens per second on a small machine). */
export function signUpMany(app: TestApp, emails: readonly string[], concurrency = 8): Promise<User[]> {
  return inPool(emails, concurrency, (email) => signUpUser(app, email));
}

/** The platform admin of the test app (signs up on first use, logs in after). */
export async function platformAdmin(app: TestApp): Promise<User> {
  const signedUp = await app.gql(
    `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`,
    { input: { email: ADMIN_EMAIL, password: PASSWORD, displayName: 'Platform admin' } },
  );
  const payload = signedUp.data?.signUp ?? dataOf(await app.gql(OPS.logIn, { email: ADMIN_EMAIL, password: PASSWORD }), 'admin logIn').logIn;
  return { token: payload.token, userId: payload.user.id, email: ADMIN_EMAIL };
}

export type Kind = 'LENDER' | 'RETAILER';

export async function registerOrganization(
  app: TestApp,
  owner: User,
  options: { kinds: Kind[]; name?: string; industry?: string; verifiedBy?: User; timezone?: string },
): Promise<string> {
  const input = {
    name: options.name ?? (options.kinds.includes('RETAILER') ? 'Lianhua Supermarket' : 'Hai Di Lao'),
    kinds: options.kinds,
    industry: options.industry ?? (options.kinds.includes('RETAILER') ? 'SUPERMARKET' : 'RESTAURANT'),
    city: 'Shanghai',
    timezone: options.timezone ?? 'Asia/Shanghai',
    businessLicenceNumber: `MK-${randomBytes(6).toString('hex')}`,
  };
  const id = dataOf(await app.gql(OPS.register, { input }, owner.token), 'registerOrganization').registerOrganization.id as string;
  if (options.verifiedBy) dataOf(await app.gql(OPS.verify, { id, approve: true }, options.verifiedBy.token), 'verifyOrganization');
  return id;
}

export async function addSite(
  app: TestApp,
  owner: User,
  organizationId: string,
  options: { name?: string; location?: GeoPoint; checkInRadiusMeters?: number } = {},
): Promise<string> {
  const input = {
    organizationId,
    name: options.name ?? 'People\'s Square store',
    address: '120 Nanjing East Rd, Shanghai',
    location: options.location ?? SHANGHAI,
    checkInRadiusMeters: options.checkInRadiusMeters ?? 200,
  };
  return dataOf(await app.gql(OPS.addSite, { input }, owner.token), 'addSite').addSite.id as string;
}

export async function addMember(app: TestApp, admin: User, organizationId: string, member: User, role: 'ADMIN' | 'STAFF' = 'STAFF') {
  dataOf(await app.gql(OPS.addMember, { org: organizationId, email: member.email, role }, admin.token), 'addMember');
}

// ───────────────────────────── workers ─────────────────────────────

export type OfferInput = {
  availableFrom: string;
  availableUntil: string;
  roles: string[];
  minHourlyRate: string;
  maxTravelKm: number;
  autoApprove: boolean;
};

export type WorkerOptions = {
  fullName?: string;
  skills?: string[];
  homeLocation?: GeoPoint;
  /** Default 40 (the API's default). */
  maxHoursPerWeek?: number;
  /** The code a platform admin attests (valid 60 days); null: nothing recorded, so AMBER. Default GREEN. */
  health?: 'GREEN' | 'AMBER' | 'RED' | null;
  /** Overrides of the lending offer; null: no offer at all. Default: PICKER/PACKER, now → now+30 days, 25.00, 15 km, autoApprove. */
  offer?: Partial<OfferInput> | null;
};

export type SceneWorker = User & { workerId: string; offerId: string | null };

export type ShiftInput = {
  siteId: string;
  role: string;
  title: string;
  description?: string | null;
  startsAt: string;
  endsAt: string;
  unpaidBreakMinutes?: number;
  slots: number;
  hourlyRate: string;
  currency?: string;
  requiresGreenCode?: boolean;
  idempotencyKey?: string;
};

export type Shift = {
  id: string;
  site: { id: string };
  retailer: { id: string };
  role: string;
  title: string;
  description: string | null;
  startsAt: string;
  endsAt: string;
  unpaidBreakMinutes: number;
  slots: number;
  slotsFilled: number;
  hourlyRate: string;
  currency: string;
  requiresGreenCode: boolean;
  status: string;
};

export interface Scene {
  app: TestApp;
  now(): Date;
  admin: User;
  /** Verified LENDER: its admin and a STAFF member. */
  lenderId: string;
  lenderAdmin: User;
  lenderStaff: User;
  /** Verified RETAILER with one site at SHANGHAI (radius 200 m): its admin and a STAFF member. */
  retailerId: string;
  retailerAdmin: User;
  retailerStaff: User;
  siteId: string;
  siteLocation: GeoPoint;
  /** The workers made with the scene (options.workers). */
  workers: SceneWorker[];
  /** More workers of the scene's lender, made `concurrency` at a time. */
  addWorkers(count: number, options?: WorkerOptions): Promise<SceneWorker[]>;
  addWorker(options?: WorkerOptions): Promise<SceneWorker>;
  offer(workerId: string, overrides?: Partial<OfferInput>): Promise<string>;
  /** The default posting: PICKER at the scene's site, 2 days from now, 8 hours, 1 slot, 30.00 CNY. */
  shiftInput(overrides?: Partial<ShiftInput>): ShiftInput;
  /** Posts a shift (by the retailer's admin unless `by` says otherwise); throws on a refusal. */
  postShift(overrides?: Partial<ShiftInput>, by?: User): Promise<Shift>;
}

export type SceneOptions = {
  /** How many workers to make with the scene. */
  workers?: number;
  workerOptions?: WorkerOptions;
  /** The clock the app runs on (a ManualClock in tests that move time); default: the real time. */
  clock?: Clock;
  /** Requests in flight while making workers (sign-up's argon2 is the bottleneck). */
  concurrency?: number;
  /** The platform admin, when the caller already has one. */
  admin?: User;
};

/** A verified lender and a verified retailer with a site; `options.workers` workers ready to be booked. */
export async function createMarketplaceScene(app: TestApp, options: SceneOptions = {}): Promise<Scene> {
  const now = () => options.clock?.now() ?? new Date();
  const concurrency = options.concurrency ?? 8;
  const tag = randomBytes(3).toString('hex');
  let serial = 0;

  const admin = options.admin ?? (await platformAdmin(app));
  const [lenderAdmin, lenderStaff, retailerAdmin, retailerStaff] = await signUpMany(app, [
    `owner-${tag}@lender.test`,
    `staff-${tag}@lender.test`,
    `owner-${tag}@retailer.test`,
    `staff-${tag}@retailer.test`,
  ]);
  const [lenderId, retailerId] = await Promise.all([
    registerOrganization(app, lenderAdmin, { kinds: ['LENDER'], verifiedBy: admin }),
    registerOrganization(app, retailerAdmin, { kinds: ['RETAILER'], verifiedBy: admin }),
  ]);
  const [siteId] = await Promise.all([
    addSite(app, retailerAdmin, retailerId),
    addMember(app, lenderAdmin, lenderId, lenderStaff),
    addMember(app, retailerAdmin, retailerId, retailerStaff),
  ]);

  const offerDefaults = (): OfferInput => ({
    availableFrom: iso(now()),
    availableUntil: iso(now().getTime() + 30 * DAY),
    roles: ['PICKER', 'PACKER'],
    minHourlyRate: '25.00',
    maxTravelKm: 15,
    autoApprove: true,
  });

  async function offer(workerId: string, overrides: Partial<OfferInput> = {}): Promise<string> {
    const input = { workerId, ...offerDefaults(), ...overrides };
    return dataOf(await app.gql(OPS.offer, { input }, lenderStaff.token), 'offerWorker').offerWorker.id as string;
  }

  async function makeWorker(index: number, options: WorkerOptions): Promise<SceneWorker> {
    const enrolled = dataOf(
      await app.gql(
        OPS.enroll,
        {
          input: {
            employerId: lenderId,
            fullName: options.fullName ?? `Worker ${tag}-${index}`,
            phone: `+86 138 ${String(1000 + (index % 9000)).padStart(4, '0')} ${String(index % 10000).padStart(4, '0')}`,
            skills: options.skills ?? ['PICKER', 'PACKER'],
            homeLocation: options.homeLocation ?? NEAR_SITE,
            ...(options.maxHoursPerWeek === undefined ? {} : { maxHoursPerWeek: options.maxHoursPerWeek }),
          },
        },
        lenderStaff.token,
      ),
      'enrollWorker',
    ).enrollWorker;
    const workerId = enrolled.worker.id as string;
    const user = await signUpUser(app, `worker-${tag}-${index}@worker.test`);
    dataOf(await app.gql(OPS.claim, { code: enrolled.claimCode }, user.token), 'claimWorkerProfile');
    const health = options.health === undefined ? 'GREEN' : options.health;
    if (health) {
      const input = { workerId, code: health, validUntil: iso(now().getTime() + 60 * DAY), reference: `SH-${tag}-${index}` };
      dataOf(await app.gql(OPS.attest, { input }, admin.token), 'attestHealth');
    }
    const offerId = options.offer === null ? null : await offer(workerId, options.offer ?? {});
    return { ...user, workerId, offerId };
  }

  function addWorkers(count: number, workerOptions: WorkerOptions = {}): Promise<SceneWorker[]> {
    const indexes = Array.from({ length: count }, () => serial++);
    return inPool(indexes, concurrency, (index) => makeWorker(index, workerOptions));
  }

  function shiftInput(overrides: Partial<ShiftInput> = {}): ShiftInput {
    const startsAt = now().getTime() + 2 * DAY;
    return {
      siteId,
      role: 'PICKER',
      title: 'Morning pickers',
      startsAt: iso(startsAt),
      endsAt: iso(startsAt + 8 * HOUR),
      slots: 1,
      hourlyRate: '30.00',
      ...overrides,
    };
  }

  async function postShift(overrides: Partial<ShiftInput> = {}, by: User = retailerAdmin): Promise<Shift> {
    return dataOf(await app.gql(OPS.postShift, { input: shiftInput(overrides) }, by.token), 'postShift').postShift as Shift;
  }

  const workers = options.workers ? await addWorkers(options.workers, options.workerOptions) : [];
  return {
    app,
    now,
    admin,
    lenderId,
    lenderAdmin,
    lenderStaff,
    retailerId,
    retailerAdmin,
    retailerStaff,
    siteId,
    siteLocation: SHANGHAI,
    workers,
    addWorkers,
    addWorker: async (workerOptions) => (await addWorkers(1, workerOptions))[0],
    offer,
    shiftInput,
    postShift,
  };
}

// ───────────────────────────── a second gateway on the same database ─────────────────────────────

export interface SecondGateway {
  url: string;
  app: NestFastifyApplication;
  gql: Gql;
  close(): Promise<void>;
}

/**
 * Another gateway process's worth of the app (its own Nest application, pool and HTTP server) on
 * the test app's database. It runs no projections by default: the first app does. The JWT secret
 * and admin list match startTestApp's, so tokens work on both.
 */
export async function startSecondGateway(
  first: TestApp,
  env: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<SecondGateway> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: first.db.url,
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    PLATFORM_ADMIN_EMAILS: ADMIN_EMAIL,
    AUTH_RATE_LIMIT_PER_MINUTE: '0',
    DB_POOL_SIZE: '10',
    RUN_PROJECTIONS: 'false',
    ...env,
  });
  const app = await createGateway(config, { quiet: true, clock: options.clock });
  await app.listen(0, '127.0.0.1');
  const url = `${await app.getUrl()}`.replace('[::1]', '127.0.0.1');
  return { url, app, gql: gqlAt(url), close: () => app.close() };
}
