import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { allEntities } from '@blue-ocean/composition';
import type { RecordedEvent } from '@blue-ocean/event-store';
import { marketplaceProjection, searchProjection } from '@blue-ocean/marketplace';
import { organizationProjection } from '@blue-ocean/organizations';
import type { Projection } from '@blue-ocean/persistence';
import { workerProjection } from '@blue-ocean/workforce';
import { createTestDatabase, TestDatabase } from './support/database';

/**
 * The projections write runs of inserts as one statement. Whatever the mix of events, the read
 * model must be the one that applying them one at a time, in the log's order, gives: here a day
 * of the marketplace, where rows are updated right after they are inserted, runs of one kind are
 * cut by other kinds, and the runner's batches may end in the middle of a run.
 */

const projections: Projection[] = [organizationProjection, workerProjection, marketplaceProjection, searchProjection];
const MINUTE = 60_000;
const START = Date.parse('2026-03-02T01:00:00Z');

/** A log, as the event store would record it: revisions per stream, instants a minute apart. */
function log() {
  const events: RecordedEvent[] = [];
  const revisions = new Map<string, number>();
  const later = (minutes: number) => new Date(START + (events.length + minutes) * MINUTE);
  const record = (streamId: string, type: string, data: Record<string, unknown>) => {
    const revision = revisions.get(streamId) ?? 0;
    revisions.set(streamId, revision + 1);
    const metadata = { actor: null, occurredAt: later(0).toISOString(), schemaVersion: 1 };
    events.push({ id: randomUUID(), streamId, revision, type, data, metadata, position: String(events.length).padStart(8, '0') });
  };
  return { events, record, at: () => later(0).toISOString(), later };
}

function aDayOfTheMarketplace(): RecordedEvent[] {
  const { events, record, at, later } = log();
  const [lender, retailer, site, owner] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const organization = (id: string, kind: string) => record(`organization-${id}`, 'OrganizationRegistered', {
    organizationId: id, name: `${kind} Ltd`, kinds: [kind], industry: 'SUPERMARKET', city: 'Shanghai', timezone: 'Asia/Shanghai',
    businessLicenceNumber: `B-${id}`, registeredBy: owner,
  });
  organization(lender, 'LENDER');
  organization(retailer, 'RETAILER');
  record(`organization-${lender}`, 'MemberAdded', { organizationId: lender, userId: owner, role: 'ADMIN' });
  record(`organization-${lender}`, 'OrganizationVerified', { organizationId: lender, note: null });
  record(`organization-${retailer}`, 'SiteAdded', {
    organizationId: retailer, siteId: site, name: 'Store 1', address: '1 Nanjing Road', location: { lat: 31.23, lng: 121.47 }, checkInRadiusMeters: 200,
  });
  record(`organization-${retailer}`, 'OrganizationRejected', { organizationId: retailer, note: 'licence unreadable' });
  record(`organization-${retailer}`, 'SiteAdded', {
    organizationId: retailer, siteId: randomUUID(), name: 'Store "2"', address: 'Back\\yard, {2}', location: { lat: 31.2, lng: 121.4 }, checkInRadiusMeters: 150,
  });

  const workers = Array.from({ length: 6 }, () => randomUUID());
  const enrol = (workerId: string, skills: string[]) => record(`worker-${workerId}`, 'WorkerEnrolled', {
    workerId, employerId: lender, fullName: `Worker "${skills.join(', ')}"`, phone: '+86 138 0000 0000', skills,
    homeLocation: { lat: 31.24, lng: 121.48 }, maxHoursPerWeek: 40, employerTimeZone: 'Asia/Shanghai', claimCodeHash: randomUUID(), at: at(),
  });
  const offers = Array.from({ length: 4 }, () => randomUUID());
  const offer = (workerId: string, offerId: string, roles: string[], until = new Date(START + 30 * 24 * 60 * MINUTE)) => record(`worker-${workerId}`, 'LendingOfferMade', {
    workerId, offerId, availableFrom: at(), availableUntil: until.toISOString(), roles,
    minHourlyRate: '25.5', maxTravelKm: 12.5, autoApprove: roles.length > 1, at: at(),
  });
  enrol(workers[0], ['PICKER', 'PACKER']);
  enrol(workers[1], []);
  enrol(workers[2], ['CASHIER']);
  record(`worker-${workers[0]}`, 'WorkerProfileClaimed', { workerId: workers[0], userId: randomUUID(), at: at() });
  enrol(workers[3], ['COURIER']);
  record(`worker-${workers[0]}`, 'HealthDeclared', {
    workerId: workers[0], date: '2026-03-02', hasSymptoms: false, householdHasSymptoms: false, contactWithConfirmedCase: false, temperatureCelsius: 36.6, clean: true, at: at(),
  });
  record(`worker-${workers[1]}`, 'HealthAttested', { workerId: workers[1], code: 'GREEN', validUntil: '2026-04-01T00:00:00.000Z', reference: 'A-1', by: owner, at: at() });
  record(`worker-${workers[2]}`, 'ScreeningFailed', { workerId: workers[2], temperatureCelsius: 38.2, placementId: null, redUntil: '2026-03-16T00:00:00.000Z', at: at() });
  offer(workers[0], offers[0], ['PICKER', 'PACKER']);
  offer(workers[1], offers[1], ['CASHIER']);
  record(`worker-${workers[1]}`, 'LendingOfferWithdrawn', { workerId: workers[1], offerId: offers[1], at: at() });
  offer(workers[1], offers[2], ['CASHIER', 'PICKER']);
  record(`worker-${workers[1]}`, 'HealthDeclared', {
    workerId: workers[1], date: '2026-03-02', hasSymptoms: true, householdHasSymptoms: false, contactWithConfirmedCase: false, temperatureCelsius: null, clean: false, at: at(),
  });
  enrol(workers[4], ['PICKER']);
  record(`worker-${workers[4]}`, 'WorkerProfileClaimed', { workerId: workers[4], userId: randomUUID(), at: at() });
  offer(workers[4], offers[3], ['PICKER']);
  record(`worker-${workers[4]}`, 'LendingOfferWithdrawn', { workerId: workers[4], offerId: offers[3], at: at() });

  const shifts = Array.from({ length: 5 }, () => randomUUID());
  const post = (shiftId: string, slots: number, startsInHours: number) => record(`shift-${shiftId}`, 'ShiftPosted', {
    shiftId, retailerId: retailer, siteId: site, siteTimeZone: 'Asia/Shanghai', role: 'PICKER', title: `Pickers for ${shiftId.slice(0, 4)}`,
    description: slots > 1 ? 'Morning \'rush\'' : null, startsAt: new Date(START + startsInHours * 60 * MINUTE).toISOString(),
    endsAt: new Date(START + (startsInHours + 8) * 60 * MINUTE).toISOString(), unpaidBreakMinutes: 30, slots, hourlyRate: '30.5',
    currency: 'CNY', requiresGreenCode: slots > 1, postedAt: at(),
  });
  const terms = (placementId: string, shiftId: string, workerId: string, startsInHours: number) => ({
    placementId, shiftId, workerId, lenderId: lender, retailerId: retailer, siteId: site, siteTimeZone: 'Asia/Shanghai', role: 'PICKER',
    startsAt: new Date(START + startsInHours * 60 * MINUTE).toISOString(), endsAt: new Date(START + (startsInHours + 8) * 60 * MINUTE).toISOString(),
    unpaidBreakMinutes: 30, hourlyRate: '30.50', currency: 'CNY',
  });
  const placed = (placementId: string, shiftId: string, workerId: string, pending: boolean) => record(`placement-${placementId}`, 'WorkerPlaced', {
    ...terms(placementId, shiftId, workerId, 24), status: pending ? 'PENDING_LENDER' : 'CONFIRMED', via: 'ACCEPT', acceptedBy: workerId, placedAt: at(),
    decisionDueAt: pending ? new Date(START + 12 * 60 * MINUTE).toISOString() : null, confirmedAt: pending ? null : at(),
    insurance: { policyNumber: `P-${placementId.slice(0, 6)}`, coverage: '1000000.00', currency: 'CNY' },
  });
  post(shifts[0], 1, 24);
  record(`shift-${shifts[0]}`, 'SlotTaken', { shiftId: shifts[0], placementId: randomUUID(), workerId: workers[0], at: at() });
  post(shifts[1], 3, 48);
  post(shifts[2], 2, 24);
  record(`shift-${shifts[2]}`, 'ShiftCancelled', { shiftId: shifts[2], reason: 'store closed', at: at() });
  post(shifts[3], 2, 24);
  enrol(workers[5], ['PACKER']);
  offer(workers[5], randomUUID(), ['PACKER'], later(5)); // ends before the worker's next offer
  post(shifts[4], 1, 72);
  record(`shift-${shifts[4]}`, 'ShiftCompleted', { shiftId: shifts[4], at: at() });

  const placements = Array.from({ length: 7 }, () => randomUUID());
  record(`placement-${placements[0]}`, 'WorkerInvited', { ...terms(placements[0], shifts[1], workers[0], 48), invitedAt: at(), expiresAt: new Date(START + 6 * 60 * MINUTE).toISOString() });
  record(`placement-${placements[0]}`, 'InvitationDeclined', { placementId: placements[0], at: at() });
  placed(placements[1], shifts[3], workers[1], false);
  record(`shift-${shifts[3]}`, 'SlotTaken', { shiftId: shifts[3], placementId: placements[1], workerId: workers[1], at: at() });
  record(`shift-${shifts[3]}`, 'SlotTaken', { shiftId: shifts[3], placementId: randomUUID(), workerId: workers[4], at: at() });
  record(`shift-${shifts[3]}`, 'SlotFreed', { shiftId: shifts[3], placementId: randomUUID(), at: at() });
  record(`placement-${placements[1]}`, 'WorkerCheckedIn', { placementId: placements[1], at: at(), location: { lat: 31.23, lng: 121.47 }, temperatureCelsius: 36.5 });
  record(`placement-${placements[1]}`, 'WorkerCheckedOut', { placementId: placements[1], at: at(), location: { lat: 31.23, lng: 121.47 }, workedMinutes: 450 });
  record(`placement-${placements[1]}`, 'TimesheetApproved', {
    placementId: placements[1], at: at(), approvedMinutes: 450, adjustmentReason: null, approvedBy: null, businessDate: '2026-03-03',
    wage: { regularMinutes: 450, overtimeMinutes: 0, regularPay: '228.75', overtimePay: '0.00', grossPay: '228.75', platformFee: '22.88', retailerTotal: '251.63', currency: 'CNY' },
  });
  record(`placement-${placements[1]}`, 'PlacementSettled', { placementId: placements[1], at: at(), settlementId: randomUUID() });
  record(`placement-${placements[1]}`, 'WorkerRated', { placementId: placements[1], workerId: workers[1], at: at(), stars: 5, comment: 'Fast' });
  placed(placements[2], shifts[1], workers[2], true);
  record(`placement-${placements[2]}`, 'PlacementApproved', { placementId: placements[2], lenderId: lender, at: at() });
  record(`placement-${placements[2]}`, 'PlacementCancelled', {
    placementId: placements[2], by: 'RETAILER', reason: 'overstaffed', at: at(), late: true, fee: '45.75', currency: 'CNY', statusBefore: 'CONFIRMED',
  });
  placed(placements[3], shifts[1], workers[3], true);
  record(`placement-${placements[3]}`, 'PlacementRejected', { placementId: placements[3], lenderId: lender, reason: null, at: at() });
  placed(placements[4], shifts[1], workers[3], false);
  record(`placement-${placements[5]}`, 'WorkerInvited', { ...terms(placements[5], shifts[1], workers[5], 48), invitedAt: at(), expiresAt: new Date(START + 6 * 60 * MINUTE).toISOString() });
  record(`placement-${placements[6]}`, 'WorkerInvited', { ...terms(placements[6], shifts[1], workers[4], 48), invitedAt: at(), expiresAt: new Date(START + 6 * 60 * MINUTE).toISOString() });
  placed(placements[6], shifts[1], workers[4], false); // the invitation accepted: confirmed at once
  post(randomUUID(), 4, 96);
  offer(workers[5], randomUUID(), ['COURIER'], later(1)); // ends as the next one, in the same run, is made
  offer(workers[5], randomUUID(), ['PACKER', 'PICKER']);
  record(`worker-${workers[5]}`, 'HealthAttested', { workerId: workers[5], code: 'GREEN', validUntil: '2026-04-01T00:00:00.000Z', reference: 'A-2', by: owner, at: at() });
  return events;
}

/** Every row of the projections' tables, in a stable order. */
async function readModel(source: DataSource): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of projections.flatMap((p) => p.tables).sort()) {
    const rows: { row: string }[] = await source.query(`SELECT to_jsonb(t)::text AS row FROM ${table} t ORDER BY 1`);
    tables[table] = rows.map((r) => r.row);
  }
  return tables;
}

describe('projections applying a batch of the log', () => {
  let databases: TestDatabase[] = [];
  let sources: DataSource[] = [];

  async function freshReadModel(): Promise<DataSource> {
    const db = await createTestDatabase({ max: 2 });
    databases.push(db);
    const source = await new DataSource({ type: 'postgres', url: db.url, entities: allEntities, poolSize: 2 }).initialize();
    sources.push(source);
    return source;
  }

  afterEach(async () => {
    for (const source of sources) await source.destroy();
    for (const db of databases) await db.drop();
    [databases, sources] = [[], []];
  });

  test.each([
    ['the whole log in one batch', Infinity],
    ['batches of 7 events (ending in the middle of runs)', 7],
  ])('give the read model of one event at a time: %s', async (_, size) => {
    const events = aDayOfTheMarketplace();
    const [oneByOne, inBatches] = [await freshReadModel(), await freshReadModel()];

    for (const event of events) {
      await oneByOne.transaction(async (tx) => {
        for (const projection of projections) await projection.apply(event, tx);
      });
    }
    for (let start = 0; start < events.length; start += size) {
      const batch = events.slice(start, start + size);
      await inBatches.transaction(async (tx) => {
        for (const projection of projections) await projection.applyBatch!(batch, tx);
      });
    }

    const [expected, actual] = [await readModel(oneByOne), await readModel(inBatches)];
    expect(Object.keys(expected).filter((table) => expected[table].length === 0)).toEqual([]); // nothing vacuous
    for (const table of Object.keys(expected)) expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
  });

  // The comparison above holds the code against itself; this holds it against the day as written.
  test.each([
    ['one event at a time', 1],
    ['batches of 7 events', 7],
    ['the whole log in one batch', Infinity],
  ])('show the postings, placements and timers the day describes: %s', async (_, size) => {
    const events = aDayOfTheMarketplace();
    const source = await freshReadModel();
    for (let start = 0; start < events.length; start += size) {
      const batch = events.slice(start, start + size);
      await source.transaction(async (tx) => {
        for (const projection of projections) {
          if (size === 1) await projection.apply(batch[0], tx);
          else await projection.applyBatch!(batch, tx);
        }
      });
    }
    const postings = await source.query(`SELECT status, slots, slots_filled AS filled FROM shift_postings ORDER BY status, slots, slots_filled`);
    expect(postings).toEqual([
      { status: 'CANCELLED', slots: 2, filled: 0 },
      { status: 'COMPLETED', slots: 1, filled: 0 },
      { status: 'FILLED', slots: 1, filled: 1 },
      { status: 'OPEN', slots: 2, filled: 1 }, // taken, taken, freed
      { status: 'OPEN', slots: 3, filled: 0 },
      { status: 'OPEN', slots: 4, filled: 0 },
    ]);
    const placements: { status: string }[] = await source.query(`SELECT status FROM placements ORDER BY status`);
    expect(placements.map((p) => p.status)).toEqual(['CANCELLED', 'CONFIRMED', 'CONFIRMED', 'DECLINED', 'INVITED', 'REJECTED', 'SETTLED']);
    // What is left to happen: the confirmed placements' no-show checks and the open invitation's expiry.
    const timers = await source.query(`SELECT t.kind, p.status FROM timers t JOIN placements p ON p.id::text = t.target_id ORDER BY t.kind`);
    expect(timers).toEqual([
      { kind: 'no-show', status: 'CONFIRMED' },
      { kind: 'no-show', status: 'CONFIRMED' },
      { kind: 'placement-expiry', status: 'INVITED' },
    ]);
  });
});
