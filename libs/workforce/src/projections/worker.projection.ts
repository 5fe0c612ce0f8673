import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@blue-ocean/event-store';
import { applyInRuns, type Projection, type RunWriter } from '@blue-ocean/persistence';
import type { WorkerEvent } from '../domain/events';
import { HealthFactKind, LendingOfferRow, WorkerRow } from './worker.entities';

type Of<T extends WorkerEvent['type']> = Extract<WorkerEvent, { type: T }> & Pick<RecordedEvent, 'revision'>;
type HealthFact = Of<'HealthDeclared' | 'HealthAttested' | 'ScreeningFailed'>;

/**
 * The events that only add rows: a run of them in the log is written by one statement (enrolling a
 * million workers is then a few thousand statements). The health facts share a table, so a run.
 */
const INSERTS: Partial<Record<string, RunWriter>> = {
  WorkerEnrolled: workersEnrolled,
  HealthDeclared: healthFacts,
  HealthAttested: healthFacts,
  ScreeningFailed: healthFacts,
  LendingOfferMade: offersMade,
};

export const workerProjection: Projection = {
  name: 'workforce',
  tables: ['worker_health_facts', 'lending_offers', 'workers'],
  async apply(recorded: RecordedEvent, db: EntityManager) {
    const insert = INSERTS[recorded.type];
    if (insert) return insert([recorded], db);
    const event = recorded as unknown as WorkerEvent;
    switch (event.type) {
      case 'WorkerProfileClaimed':
        await db.update(WorkerRow, { id: event.data.workerId }, { userId: event.data.userId });
        return;
      case 'LendingOfferWithdrawn':
        await db.update(LendingOfferRow, { id: event.data.offerId }, { withdrawnAt: new Date(event.data.at) });
        return;
    }
  },
  /** Consecutive events of one insert are written together; every other event is applied alone, in the log's order. */
  applyBatch(events: readonly RecordedEvent[], db: EntityManager) {
    return applyInRuns(events, db, { writers: INSERTS, applyOne: (event, tx) => this.apply(event, tx) });
  },
};

// unnest() takes one array per column: one statement for the whole run. Skills and roles, an array
// in each row, travel as JSON (a PostgreSQL array of arrays must be rectangular).

async function workersEnrolled(events: readonly RecordedEvent[], db: EntityManager): Promise<void> {
  const d = (events as unknown as Of<'WorkerEnrolled'>[]).map((e) => e.data);
  await db.query(
    `INSERT INTO workers (id, employer_id, full_name, skills, home_lat, home_lng, max_hours_per_week, employer_time_zone,
                          claim_code_hash, user_id, created_at)
     SELECT n.id, n.employer_id, n.full_name, ARRAY(SELECT jsonb_array_elements_text(n.skills)), n.lat, n.lng, n.max_hours,
            n.time_zone, n.claim_code_hash, NULL, n.at
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::float8[], $6::float8[], $7::int[], $8::text[],
                 $9::text[], $10::timestamptz[])
          AS n(id, employer_id, full_name, skills, lat, lng, max_hours, time_zone, claim_code_hash, at)`,
    [
      d.map((w) => w.workerId), d.map((w) => w.employerId), d.map((w) => w.fullName), d.map((w) => JSON.stringify(w.skills)),
      d.map((w) => w.homeLocation.lat), d.map((w) => w.homeLocation.lng), d.map((w) => w.maxHoursPerWeek),
      d.map((w) => w.employerTimeZone), d.map((w) => w.claimCodeHash), d.map((w) => w.at),
    ],
  );
}

/** A health fact is kept with its place in the worker's stream, which orders facts of the same instant. */
async function healthFacts(events: readonly RecordedEvent[], db: EntityManager): Promise<void> {
  const facts = (events as unknown as HealthFact[]).map((e) => ({ workerId: e.data.workerId, revision: String(e.revision), at: e.data.at, ...details(e) }));
  await db.query(
    `INSERT INTO worker_health_facts (worker_id, revision, kind, at, declared_date, clean, code, valid_until)
     SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::timestamptz[], $5::text[], $6::boolean[], $7::text[], $8::timestamptz[])`,
    [
      facts.map((f) => f.workerId), facts.map((f) => f.revision), facts.map((f) => f.kind), facts.map((f) => f.at),
      facts.map((f) => f.declaredDate), facts.map((f) => f.clean), facts.map((f) => f.code), facts.map((f) => f.validUntil),
    ],
  );
}

/** What each kind of fact records; what it leaves out is NULL. */
function details(e: HealthFact): { kind: HealthFactKind; declaredDate?: string; clean?: boolean; code?: string; validUntil?: string } {
  switch (e.type) {
    case 'HealthDeclared': return { kind: 'DECLARATION', declaredDate: e.data.date, clean: e.data.clean };
    case 'HealthAttested': return { kind: 'ATTESTATION', code: e.data.code, validUntil: e.data.validUntil };
    case 'ScreeningFailed': return { kind: 'SCREENING', validUntil: e.data.redUntil };
  }
}

async function offersMade(events: readonly RecordedEvent[], db: EntityManager): Promise<void> {
  const d = (events as unknown as Of<'LendingOfferMade'>[]).map((e) => e.data);
  await db.query(
    `INSERT INTO lending_offers (id, worker_id, available_from, available_until, roles, min_hourly_rate, max_travel_km,
                                 auto_approve, offered_at, withdrawn_at)
     SELECT n.id, n.worker_id, n.available_from, n.available_until, ARRAY(SELECT jsonb_array_elements_text(n.roles)),
            n.min_hourly_rate, n.max_travel_km, n.auto_approve, n.at, NULL
     FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::jsonb[], $6::numeric[], $7::float8[],
                 $8::boolean[], $9::timestamptz[])
          AS n(id, worker_id, available_from, available_until, roles, min_hourly_rate, max_travel_km, auto_approve, at)`,
    [
      d.map((o) => o.offerId), d.map((o) => o.workerId), d.map((o) => o.availableFrom), d.map((o) => o.availableUntil),
      d.map((o) => JSON.stringify(o.roles)), d.map((o) => o.minHourlyRate), d.map((o) => o.maxTravelKm),
      d.map((o) => o.autoApprove), d.map((o) => o.at),
    ],
  );
}
