import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { LiveFeed, LiveTopics } from '../apps/gateway/src/subscriptions/live-feed';
import { startTestApp, TestApp } from './support/app';
import {
  createMarketplaceScene,
  dataOf,
  eventually,
  OPS,
  registerOrganization,
  Scene,
  SecondGateway,
  startSecondGateway,
  signUpUser,
  User,
} from './support/marketplace-fixtures';

const PLACEMENT_CHANGED = `subscription($organizationId: ID) {
  placementChanged(organizationId: $organizationId) { id status shift { id } worker { id } lender { id } }
}`;
const SHIFT_OFFERED = `subscription { shiftOffered { id role hourlyRate status distanceKm retailer { id } } }`;

/** How long "receives nothing" waits after the others have received theirs. */
const QUIET_MS = 1000;

type GraphQLErrorLike = { message: string; extensions?: { code?: string } };

/** One graphql-ws subscription with a real client: what arrived, and a way to wait for more. */
interface Listening<T> {
  received: T[];
  errors: GraphQLErrorLike[];
  completed: boolean;
  /** The first message (from `from` on) that satisfies `match`. */
  nextWhere(match: (value: T) => boolean, what: string): Promise<T>;
  /** Resolves with the refusal once the server answered the subscription with an error. */
  refused(): Promise<GraphQLErrorLike[]>;
}

describe('GraphQL subscriptions over graphql-ws', () => {
  let app: TestApp;
  let scene: Scene;
  let stranger: User;
  let otherLenderId: string;
  let otherLenderOwner: User;
  const clients: Client[] = [];
  let second: SecondGateway | undefined;

  beforeAll(async () => {
    app = await startTestApp();
    scene = await createMarketplaceScene(app, { workers: 3 });
    stranger = await signUpUser(app, 'stranger@nowhere.test');
    otherLenderOwner = await signUpUser(app, 'owner@other-lender.test');
    otherLenderId = await registerOrganization(app, otherLenderOwner, { kinds: ['LENDER'], verifiedBy: scene.admin, name: 'Other Lender' });
  }, 90_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await second?.close();
    await app?.close();
  });

  // ───────────── helpers ─────────────

  const wsUrlOf = (httpUrl: string) => `${httpUrl.replace(/^http/, 'ws')}/graphql`;

  function clientFor(httpUrl: string, token: string | null): Client {
    const client = createClient({
      url: wsUrlOf(httpUrl),
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(client);
    return client;
  }

  function listen<T = any>(
    query: string,
    options: { token: string | null; variables?: Record<string, unknown>; url?: string },
  ): Listening<T> {
    const client = clientFor(options.url ?? app.url, options.token);
    const received: T[] = [];
    const errors: GraphQLErrorLike[] = [];
    const waiters = new Set<() => void>();
    const wake = () => waiters.forEach((waiter) => waiter());
    const state: Listening<T> = {
      received,
      errors,
      completed: false,
      nextWhere: (match, what) =>
        eventually(async () => received.find(match) ?? (await tick(waiters)), what, 10_000),
      refused: () => eventually(async () => (errors.length ? errors : await tick(waiters)), 'a refusal', 10_000),
    };
    client.subscribe<T>(
      { query, variables: options.variables ?? {} },
      {
        next: (result) => {
          if (result.errors?.length) errors.push(...(result.errors as GraphQLErrorLike[]));
          if (result.data) received.push(result.data as T);
          wake();
        },
        error: (error) => {
          if (Array.isArray(error)) errors.push(...(error as GraphQLErrorLike[]));
          else errors.push({ message: error instanceof Error ? error.message : `closed: ${(error as { code?: number })?.code}` });
          wake();
        },
        complete: () => {
          state.completed = true;
          wake();
        },
      },
    );
    return state;
  }

  /** Waits until `count` subscribers of this gateway listen on `topic` (a subscription has no "started" message). */
  function listeners(target: NestFastifyApplication, topic: keyof LiveTopics, count: number) {
    const feed = target.get(LiveFeed);
    return eventually(async () => feed.listening(topic) >= count, `${count} subscribers of ${topic}`);
  }

  const quiet = () => new Promise((resolve) => setTimeout(resolve, QUIET_MS));

  async function accept(worker: User, shiftId: string, gql = app.gql) {
    return dataOf(await gql(OPS.acceptShift, { shiftId }, worker.token), 'acceptShift').acceptShift as { id: string; status: string };
  }

  type Changed = { placementChanged: { id: string; status: string; shift: { id: string }; worker: { id: string }; lender: { id: string } } };
  type Offered = { shiftOffered: { id: string; role: string; hourlyRate: string; status: string; distanceKm: number | null; retailer: { id: string } } };

  // ───────────── placementChanged ─────────────

  test("a placement's change reaches its worker and the lender's and retailer's members, and nobody else", async () => {
    const worker = scene.workers[0];
    const shift = await scene.postShift();
    const before = app.app.get(LiveFeed).listening('placementChanged');

    const subscribers = {
      worker: listen<Changed>(PLACEMENT_CHANGED, { token: worker.token }),
      lenderStaff: listen<Changed>(PLACEMENT_CHANGED, { token: scene.lenderStaff.token }),
      retailerAdmin: listen<Changed>(PLACEMENT_CHANGED, { token: scene.retailerAdmin.token }),
      lenderByOrganization: listen<Changed>(PLACEMENT_CHANGED, { token: scene.lenderAdmin.token, variables: { organizationId: scene.lenderId } }),
      retailerByOrganization: listen<Changed>(PLACEMENT_CHANGED, { token: scene.retailerStaff.token, variables: { organizationId: scene.retailerId } }),
      admin: listen<Changed>(PLACEMENT_CHANGED, { token: scene.admin.token }),
    };
    const strangerSees = listen<Changed>(PLACEMENT_CHANGED, { token: stranger.token });
    const otherWorkerSees = listen<Changed>(PLACEMENT_CHANGED, { token: scene.workers[1].token });
    await listeners(app.app, 'placementChanged', before + 8);

    const placement = await accept(worker, shift.id);
    expect(placement.status).toBe('CONFIRMED');

    for (const [who, subscriber] of Object.entries(subscribers)) {
      const { placementChanged } = await subscriber.nextWhere((m) => m.placementChanged.id === placement.id, `${who}'s update`);
      expect(placementChanged).toEqual({
        id: placement.id,
        status: 'CONFIRMED',
        shift: { id: shift.id },
        worker: { id: worker.workerId },
        lender: { id: scene.lenderId },
      });
      expect(subscriber.errors).toEqual([]);
    }
    await quiet();
    expect(strangerSees.received).toEqual([]);
    expect(strangerSees.errors).toEqual([]);
    expect(otherWorkerSees.received).toEqual([]);

    // A later change (the worker cancels) arrives too, in order after the first.
    dataOf(await app.gql(OPS.cancelPlacement, { placementId: placement.id, reason: 'Sick' }, worker.token), 'cancelPlacement');
    const cancelled = await subscribers.retailerAdmin.nextWhere((m) => m.placementChanged.status === 'CANCELLED', 'the cancellation');
    expect(cancelled.placementChanged.id).toBe(placement.id);
    expect(subscribers.retailerAdmin.received.map((m) => m.placementChanged.status)).toEqual(['CONFIRMED', 'CANCELLED']);
    await quiet();
    expect(strangerSees.received).toEqual([]);
  });

  test('with organizationId: only that organization’s placements, and only for its members', async () => {
    const before = app.app.get(LiveFeed).listening('placementChanged');
    // A member of the scene's lender asking about another lender: refused when subscribing.
    const notMember = listen(PLACEMENT_CHANGED, { token: scene.lenderStaff.token, variables: { organizationId: otherLenderId } });
    expect((await notMember.refused()).map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const strangerOnRetailer = listen(PLACEMENT_CHANGED, { token: stranger.token, variables: { organizationId: scene.retailerId } });
    expect((await strangerOnRetailer.refused()).map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

    // The other lender's owner follows their own organization: the scene's placements are not theirs.
    const otherLender = listen<Changed>(PLACEMENT_CHANGED, { token: otherLenderOwner.token, variables: { organizationId: otherLenderId } });
    const lender = listen<Changed>(PLACEMENT_CHANGED, { token: scene.lenderStaff.token, variables: { organizationId: scene.lenderId } });
    await listeners(app.app, 'placementChanged', before + 2);

    const shift = await scene.postShift();
    const placement = await accept(scene.workers[2], shift.id);
    await lender.nextWhere((m) => m.placementChanged.id === placement.id, "the lender's update");
    await quiet();
    expect(otherLender.received).toEqual([]);
    expect(otherLender.errors).toEqual([]);
    dataOf(await app.gql(OPS.cancelPlacement, { placementId: placement.id, reason: 'Not needed' }, scene.retailerAdmin.token), 'cancelPlacement');
  });

  test('without a token, or with a bad one, subscribing is refused with UNAUTHENTICATED', async () => {
    const anonymous = listen(PLACEMENT_CHANGED, { token: null });
    expect((await anonymous.refused()).map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const forged = listen(SHIFT_OFFERED, { token: 'not-a-real-token' });
    expect((await forged.refused()).map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.received).toEqual([]);
  });

  // ───────────── shiftOffered ─────────────

  test('shiftOffered: a worker receives a new posting an active offer covers, and not one it does not', async () => {
    const worker = scene.workers[1];
    const before = app.app.get(LiveFeed).listening('shiftOffered');
    const offered = listen<Offered>(SHIFT_OFFERED, { token: worker.token });
    await listeners(app.app, 'shiftOffered', before + 1);

    // The default offer: PICKER/PACKER, from 25.00, 15 km, for 30 days.
    const tooCheap = await scene.postShift({ title: 'Cheap pickers', hourlyRate: '20.00' });
    const wrongRole = await scene.postShift({ title: 'Cashiers', role: 'CASHIER' });
    const covered = await scene.postShift({ title: 'Packers', role: 'PACKER', hourlyRate: '32.50' });

    const { shiftOffered } = await offered.nextWhere((m) => m.shiftOffered.id === covered.id, 'the covered posting');
    expect(shiftOffered).toMatchObject({ id: covered.id, role: 'PACKER', hourlyRate: '32.50', status: 'OPEN', retailer: { id: scene.retailerId } });
    expect(shiftOffered.distanceKm).toBeGreaterThan(0);
    expect(shiftOffered.distanceKm).toBeLessThan(15);
    await quiet();
    const ids = offered.received.map((m) => m.shiftOffered.id);
    expect(ids).toEqual([covered.id]);
    expect(ids).not.toContain(tooCheap.id);
    expect(ids).not.toContain(wrongRole.id);
  });

  test('shiftOffered is for workers only: anyone else is refused with FORBIDDEN', async () => {
    const retailer = listen(SHIFT_OFFERED, { token: scene.retailerAdmin.token });
    expect((await retailer.refused()).map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const lender = listen(SHIFT_OFFERED, { token: scene.lenderStaff.token });
    expect((await lender.refused()).map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  // ───────────── several gateways ─────────────

  test('a subscriber on a second gateway receives a change made through the first', async () => {
    second = await startSecondGateway(app);
    const worker = scene.workers[0];
    const onSecond = {
      retailer: listen<Changed>(PLACEMENT_CHANGED, { token: scene.retailerAdmin.token, url: second.url }),
      worker: listen<Changed>(PLACEMENT_CHANGED, { token: worker.token, url: second.url }),
      stranger: listen<Changed>(PLACEMENT_CHANGED, { token: stranger.token, url: second.url }),
    };
    const offeredOnSecond = listen<Offered>(SHIFT_OFFERED, { token: worker.token, url: second.url });
    await listeners(second.app, 'placementChanged', 3);
    await listeners(second.app, 'shiftOffered', 1);

    const shift = await scene.postShift({ title: 'Evening pickers' });
    await offeredOnSecond.nextWhere((m) => m.shiftOffered.id === shift.id, 'the posting, on gateway 2');
    const placement = await accept(worker, shift.id);
    for (const [who, subscriber] of Object.entries({ retailer: onSecond.retailer, worker: onSecond.worker })) {
      const { placementChanged } = await subscriber.nextWhere((m) => m.placementChanged.id === placement.id, `${who}'s update on gateway 2`);
      expect(placementChanged).toMatchObject({ id: placement.id, status: 'CONFIRMED', worker: { id: worker.workerId } });
    }
    await quiet();
    expect(onSecond.stranger.received).toEqual([]);
  });
});

/** Resolves undefined at the next message (or after a short while): lets `eventually` re-check at once. */
function tick(waiters: Set<() => void>): Promise<undefined> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      waiters.delete(done);
      resolve(undefined);
    };
    const timer = setTimeout(done, 200);
    waiters.add(done);
  });
}
