import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, EventStore, NewEvent, StreamAppend } from '@blue-ocean/event-store';
import { TokenService } from '@blue-ocean/identity';
import { DomainEventShape } from '@blue-ocean/kernel';
import { organization, organizationStream } from '@blue-ocean/organizations';
import { ProjectionRunner } from '@blue-ocean/persistence';
import { claimant, claimantStream, generateClaimCode, hashClaimCode, worker, workerStream } from '@blue-ocean/workforce';
import { hash } from '@node-rs/argon2';

/**
 * Benchmark data written straight into the event store through the domain's own deciders (so
 * the events are exactly what the API would write), much faster than thousands of sign-ups.
 * Tokens are issued by the gateway's TokenService instead of logging in.
 */
export const SITE = { lat: 31.2304, lng: 121.4737 };
const ZONE = 'Asia/Shanghai';

function stamp(events: DomainEventShape[], actor: string | null, at: Date): NewEvent[] {
  return events.map((e) => ({
    id: randomUUID(),
    type: e.type,
    data: e.data as Record<string, unknown>,
    metadata: { actor, occurredAt: at.toISOString(), schemaVersion: 1 },
  }));
}

export interface SeededWorker {
  workerId: string;
  userId: string;
  token: string;
}

export class Seeder {
  private readonly store: EventStore;
  private readonly now = new Date();
  private lastPosition: string | null = null;
  readonly adminId = randomUUID();

  constructor(private readonly app: NestFastifyApplication) {
    this.store = app.get(EVENT_STORE);
  }

  /** A verified organization (with a site for a retailer); its admin's token. */
  async organization(kind: 'LENDER' | 'RETAILER'): Promise<{ organizationId: string; siteId: string; adminId: string; token: string }> {
    const organizationId = randomUUID();
    const siteId = randomUUID();
    const adminId = randomUUID();
    const email = `${kind.toLowerCase()}-${organizationId}@bench.test`;
    await this.userEvents([{ userId: adminId, email }]);
    let state = organization.initialState();
    const events: DomainEventShape[] = [];
    const run = (command: Parameters<typeof organization.decide>[0]) => {
      const decided = organization.decide(command, state);
      state = decided.reduce(organization.evolve, state);
      events.push(...decided);
    };
    run({
      type: 'Register', organizationId, actor: adminId, name: `Bench ${kind}`, kinds: [kind], industry: kind === 'LENDER' ? 'RESTAURANT' : 'SUPERMARKET',
      city: 'Shanghai', timezone: ZONE, businessLicenceNumber: organizationId,
    });
    run({ type: 'Verify', actor: this.adminId, actorIsPlatformAdmin: true, approve: true, note: null });
    if (kind === 'RETAILER') {
      run({ type: 'AddSite', actor: adminId, siteId, name: 'Bench store', address: '1 Nanjing Rd', location: SITE, checkInRadiusMeters: 200 });
    }
    await this.append([{ streamId: organizationStream(organizationId), expected: 'no_stream', events: stamp(events, adminId, this.now) }]);
    return { organizationId, siteId, adminId, token: await this.app.get(TokenService).issue(adminId, email) };
  }

  /** Claimed, green, lent workers of the lender, living near the site. */
  async workers(count: number, lenderId: string, batch = 100): Promise<SeededWorker[]> {
    const seeded: SeededWorker[] = [];
    for (let start = 0; start < count; start += batch) {
      const appends: StreamAppend[] = [];
      const users: { userId: string; email: string }[] = [];
      for (let i = start; i < Math.min(count, start + batch); i++) {
        const workerId = randomUUID();
        const userId = randomUUID();
        users.push({ userId, email: `worker-${workerId}@bench.test` });
        appends.push(...this.workerAppends(workerId, userId, lenderId, i));
        seeded.push({ workerId, userId, token: '' });
      }
      await this.userEvents(users);
      await this.append(appends);
    }
    const tokens = this.app.get(TokenService);
    for (const w of seeded) w.token = await tokens.issue(w.userId, `worker-${w.workerId}@bench.test`);
    return seeded;
  }

  /** Waits until the read models include everything seeded. */
  async settled(): Promise<void> {
    if (!(await this.app.get(ProjectionRunner).passed(this.lastPosition, 15 * 60_000))) throw new Error('projections did not catch up');
  }

  private workerAppends(workerId: string, userId: string, lenderId: string, i: number): StreamAppend[] {
    const at = this.now.toISOString();
    const code = generateClaimCode();
    let state = worker.initialState();
    const events: DomainEventShape[] = [];
    const run = (command: Parameters<typeof worker.decide>[0]) => {
      const decided = worker.decide(command, state);
      state = decided.reduce(worker.evolve, state);
      events.push(...decided);
    };
    // Homes spread over a few kilometres around the site.
    const homeLocation = { lat: SITE.lat + ((i % 100) - 50) * 0.0005, lng: SITE.lng + (Math.floor(i / 100) % 100 - 50) * 0.0005 };
    run({ type: 'EnrollWorker', workerId, at, actor: userId, employerId: lenderId, employerTimeZone: ZONE, fullName: `Worker ${i}`, phone: '+86 138 0000 0000', skills: ['PICKER'], homeLocation, maxHoursPerWeek: 60, claimCodeHash: hashClaimCode(code) });
    run({ type: 'ClaimProfile', workerId, at, actor: userId, claimCode: code });
    run({ type: 'AttestHealth', workerId, at, actor: this.adminId, code: 'GREEN', validUntil: new Date(this.now.getTime() + 60 * 86_400_000).toISOString(), reference: 'BENCH' });
    run({
      type: 'OfferWorker', workerId, at, actor: userId, offerId: randomUUID(), availableFrom: at,
      availableUntil: new Date(this.now.getTime() + 365 * 86_400_000).toISOString(), roles: ['PICKER'], minHourlyRate: '20.00',
      maxTravelKm: 50, autoApprove: true, lenderVerified: true,
    });
    const held = claimant.decide({ type: 'HoldProfile', userId, workerId, at }, claimant.initialState());
    return [
      { streamId: workerStream(workerId), expected: 'no_stream', events: stamp(events, userId, this.now) },
      { streamId: claimantStream(userId), expected: 'no_stream', events: stamp(held, userId, this.now) },
    ];
  }

  private passwordHash: Promise<string> | null = null;

  /** Users share one real password hash: hashing is what P6 measures, not what seeding is for. */
  private async userEvents(users: { userId: string; email: string }[]): Promise<void> {
    this.passwordHash ??= hash('benchmark password', { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const passwordHash = await this.passwordHash;
    const appends = users.map(({ userId, email }) => ({
      streamId: `user-${userId}`,
      expected: 'no_stream' as const,
      events: stamp([{ type: 'UserSignedUp', data: { userId, email, displayName: email, passwordHash } }], userId, this.now),
    }));
    await this.append(appends);
  }

  private async append(appends: StreamAppend[]): Promise<void> {
    const results = await this.store.appendMany(appends);
    for (const r of results) if (!this.lastPosition || r.position > this.lastPosition) this.lastPosition = r.position;
  }
}
