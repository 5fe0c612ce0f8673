import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@blue-ocean/event-store';
import { applyInRuns, cancelTimer, cancelTimers, Projection, type RunWriter, scheduleTimer, scheduleTimers, type Timer } from '@blue-ocean/persistence';
import type { PlacementEvent, ShiftPosted, ShiftPostingEvent, SlotFreed, SlotTaken, WorkerPlaced } from '../domain/events';
import { PlacementRow, ShiftPostingRow } from './marketplace.entities';

export const PLACEMENT_EXPIRY = 'placement-expiry';
export const NO_SHOW = 'no-show';
export const AUTO_APPROVAL = 'auto-approval';
const expiryTimer = (placementId: string) => `${PLACEMENT_EXPIRY}:${placementId}`;
const noShowTimer = (placementId: string) => `${NO_SHOW}:${placementId}`;
const autoApprovalTimer = (placementId: string) => `${AUTO_APPROVAL}:${placementId}`;
const MINUTE = 60_000;

/** Runs of these events in the log are written by a few statements, however long the run. */
const WRITERS: Partial<Record<string, RunWriter>> = {
  ShiftPosted: shiftsPosted,
  // A busy posting's bookings: its slot count and its new placements.
  SlotTaken: bookings,
  SlotFreed: bookings,
  WorkerPlaced: bookings,
};

/** The events `apply` handles one at a time; every other event leaves this projection's tables alone. */
const ONE_AT_A_TIME = new Set([
  'ShiftCancelled', 'ShiftCompleted', 'WorkerInvited', 'PlacementApproved', 'PlacementRejected', 'PlacementExpired',
  'InvitationDeclined', 'InvitationExpired', 'PlacementCancelled', 'WorkerCheckedIn', 'WorkerCheckedOut', 'PlacementNoShow',
  'TimesheetApproved', 'TimesheetDisputed', 'PlacementSettled', 'WorkerRated',
]);

/** Postings and placements as the API shows them, plus the expiry timers of open questions. */
export const marketplaceProjection: Projection = {
  name: 'marketplace',
  tables: ['shift_postings', 'placements', 'timers'],
  async apply(recorded: RecordedEvent, db: EntityManager) {
    const write = WRITERS[recorded.type];
    if (write) return write([recorded], db);
    const event = recorded as unknown as ShiftPostingEvent | PlacementEvent;
    const at = new Date(recorded.metadata.occurredAt);
    switch (event.type) {
      case 'ShiftCancelled':
        await db.update(ShiftPostingRow, { id: event.data.shiftId }, { status: 'CANCELLED' });
        return;
      case 'ShiftCompleted':
        await db.update(ShiftPostingRow, { id: event.data.shiftId }, { status: 'COMPLETED' });
        return;
      case 'WorkerInvited': {
        const d = event.data;
        await db.insert(PlacementRow, {
          id: d.placementId, shiftId: d.shiftId, workerId: d.workerId, lenderId: d.lenderId, retailerId: d.retailerId,
          siteId: d.siteId, status: 'INVITED', startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt),
          hourlyRate: d.hourlyRate, currency: d.currency, invitedAt: new Date(d.invitedAt), createdAt: at, updatedAt: at,
        });
        await scheduleTimer(db, { id: expiryTimer(d.placementId), kind: PLACEMENT_EXPIRY, targetId: d.placementId, dueAt: new Date(d.expiresAt) });
        return;
      }
      case 'PlacementApproved': {
        const { placementId } = event.data;
        await db.update(PlacementRow, { id: placementId }, { status: 'CONFIRMED', confirmedAt: at, updatedAt: at });
        await cancelTimer(db, expiryTimer(placementId));
        const row = await db.findOneByOrFail(PlacementRow, { id: placementId });
        await scheduleNoShow(db, placementId, row.startsAt);
        return;
      }
      case 'PlacementRejected':
      case 'PlacementExpired':
      case 'InvitationDeclined':
      case 'InvitationExpired': {
        const status = { PlacementRejected: 'REJECTED', PlacementExpired: 'EXPIRED', InvitationDeclined: 'DECLINED', InvitationExpired: 'EXPIRED' }[event.type];
        await db.update(PlacementRow, { id: event.data.placementId }, { status, updatedAt: at });
        await cancelTimer(db, expiryTimer(event.data.placementId));
        return;
      }
      case 'PlacementCancelled': {
        const d = event.data;
        await db.update(PlacementRow, { id: d.placementId }, {
          status: 'CANCELLED', cancelledBy: d.by, cancellationReason: d.reason, cancelledAt: new Date(d.at),
          cancellationLate: d.late, cancellationFee: d.fee, cancelledFromStatus: d.statusBefore, updatedAt: at,
        });
        await cancelTimer(db, expiryTimer(d.placementId));
        await cancelTimer(db, noShowTimer(d.placementId));
        return;
      }
      case 'WorkerCheckedIn':
        await db.update(PlacementRow, { id: event.data.placementId }, { status: 'CHECKED_IN', checkInAt: new Date(event.data.at), updatedAt: at });
        await cancelTimer(db, noShowTimer(event.data.placementId));
        return;
      case 'WorkerCheckedOut': {
        const { placementId, workedMinutes } = event.data;
        const checkOutAt = new Date(event.data.at);
        await db.update(PlacementRow, { id: placementId }, { status: 'CHECKED_OUT', checkOutAt, workedMinutes, updatedAt: at });
        await scheduleTimer(db, { id: autoApprovalTimer(placementId), kind: AUTO_APPROVAL, targetId: placementId, dueAt: new Date(checkOutAt.getTime() + 24 * 60 * MINUTE) });
        return;
      }
      case 'PlacementNoShow':
        await db.update(PlacementRow, { id: event.data.placementId }, { status: 'NO_SHOW', updatedAt: at });
        await cancelTimer(db, noShowTimer(event.data.placementId));
        return;
      case 'TimesheetApproved': {
        const { placementId, approvedMinutes, adjustmentReason, businessDate, wage } = event.data;
        await db.update(PlacementRow, { id: placementId }, { status: 'APPROVED', approvedMinutes, adjustmentReason, businessDate, wage, updatedAt: at });
        await cancelTimer(db, autoApprovalTimer(placementId));
        return;
      }
      case 'TimesheetDisputed':
        await db.update(PlacementRow, { id: event.data.placementId }, { status: 'DISPUTED', updatedAt: at });
        return;
      case 'PlacementSettled':
        await db.update(PlacementRow, { id: event.data.placementId }, { status: 'SETTLED', settlementId: event.data.settlementId, updatedAt: at });
        return;
      case 'WorkerRated':
        await db.update(PlacementRow, { id: event.data.placementId }, { ratingStars: event.data.stars, ratingComment: event.data.comment, updatedAt: at });
        return;
    }
  },
  applyBatch(events: readonly RecordedEvent[], db: EntityManager) {
    return applyInRuns(events, db, {
      writers: WRITERS,
      applyOne: (event, tx) => this.apply(event, tx),
      ignores: (type) => !WRITERS[type] && !ONE_AT_A_TIME.has(type),
    });
  },
};

/** unnest() takes one array per column: one statement for the whole run. */
async function shiftsPosted(events: readonly RecordedEvent[], db: EntityManager): Promise<void> {
  const posted = events as unknown as (ShiftPosted & Pick<RecordedEvent, 'metadata'>)[];
  const d = posted.map((e) => e.data);
  await db.query(
    `INSERT INTO shift_postings (id, retailer_id, site_id, site_time_zone, role, title, description, starts_at, ends_at,
                                 unpaid_break_minutes, slots, slots_filled, hourly_rate, currency, requires_green_code, status, created_at)
     SELECT n.id, n.retailer_id, n.site_id, n.site_time_zone, n.role, n.title, n.description, n.starts_at, n.ends_at,
            n.unpaid_break_minutes, n.slots, 0, n.hourly_rate, n.currency, n.requires_green_code, 'OPEN', n.created_at
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[],
                 $9::timestamptz[], $10::int[], $11::int[], $12::numeric[], $13::text[], $14::boolean[], $15::timestamptz[])
          AS n(id, retailer_id, site_id, site_time_zone, role, title, description, starts_at, ends_at, unpaid_break_minutes,
               slots, hourly_rate, currency, requires_green_code, created_at)`,
    [
      d.map((p) => p.shiftId), d.map((p) => p.retailerId), d.map((p) => p.siteId), d.map((p) => p.siteTimeZone),
      d.map((p) => p.role), d.map((p) => p.title), d.map((p) => p.description), d.map((p) => p.startsAt), d.map((p) => p.endsAt),
      d.map((p) => p.unpaidBreakMinutes), d.map((p) => p.slots), d.map((p) => p.hourlyRate), d.map((p) => p.currency),
      d.map((p) => p.requiresGreenCode), posted.map((e) => e.metadata.occurredAt),
    ],
  );
}

type Booking = (SlotTaken | SlotFreed | WorkerPlaced) & Pick<RecordedEvent, 'metadata'>;

/**
 * Slot counts move by the run's sum per posting (the status follows the final count, as it would
 * step by step), and the run's placements are upserted together with their timers. A placement
 * placed twice in one run (never in practice) splits the run, so each upsert sees distinct rows.
 */
async function bookings(events: readonly RecordedEvent[], db: EntityManager): Promise<void> {
  const slotChanges = new Map<string, number>();
  const placed = new Map<string, WorkerPlaced & Pick<RecordedEvent, 'metadata'>>();
  for (const event of events as unknown as readonly Booking[]) {
    if (event.type === 'WorkerPlaced') {
      if (placed.has(event.data.placementId)) {
        await writeBookings(slotChanges, [...placed.values()], db);
        slotChanges.clear();
        placed.clear();
      }
      placed.set(event.data.placementId, event);
    } else {
      const shiftId = event.data.shiftId;
      slotChanges.set(shiftId, (slotChanges.get(shiftId) ?? 0) + (event.type === 'SlotTaken' ? 1 : -1));
    }
  }
  await writeBookings(slotChanges, [...placed.values()], db);
}

/** Writes what `bookings` gathered: a few statements, however long the run. */
async function writeBookings(
  slotChanges: ReadonlyMap<string, number>,
  placed: (WorkerPlaced & Pick<RecordedEvent, 'metadata'>)[],
  db: EntityManager,
): Promise<void> {
  await moveSlotCounts(slotChanges, db);
  await upsertPlacements(placed, db);
  // Undecided placements expire; confirmed ones no longer can, and wait for their check-in instead.
  const undecided = placed.map((e) => e.data).filter((p) => p.decisionDueAt);
  const confirmed = placed.map((e) => e.data).filter((p) => !p.decisionDueAt);
  await cancelTimers(db, confirmed.map((p) => expiryTimer(p.placementId)));
  await scheduleTimers(db, [
    ...undecided.map((p): Timer => ({ id: expiryTimer(p.placementId), kind: PLACEMENT_EXPIRY, targetId: p.placementId, dueAt: new Date(p.decisionDueAt!) })),
    ...confirmed.map((p) => noShowTimerFor(p.placementId, new Date(p.startsAt))),
  ]);
}

async function moveSlotCounts(slotChanges: ReadonlyMap<string, number>, db: EntityManager): Promise<void> {
  if (slotChanges.size === 0) return;
  await db.query(
    `UPDATE shift_postings p SET slots_filled = p.slots_filled + n.change,
       status = CASE WHEN p.status IN ('OPEN', 'FILLED')
                     THEN CASE WHEN p.slots_filled + n.change >= p.slots THEN 'FILLED' ELSE 'OPEN' END
                     ELSE p.status END
     FROM unnest($1::uuid[], $2::int[]) AS n(id, change)
     WHERE p.id = n.id`,
    [[...slotChanges.keys()], [...slotChanges.values()]],
  );
}

async function upsertPlacements(placed: (WorkerPlaced & Pick<RecordedEvent, 'metadata'>)[], db: EntityManager): Promise<void> {
  if (placed.length === 0) return;
  const d = placed.map((e) => e.data);
  await db.query(
    `INSERT INTO placements (id, shift_id, worker_id, lender_id, retailer_id, site_id, status, starts_at, ends_at, hourly_rate,
                             currency, confirmed_at, policy_number, coverage, created_at, updated_at)
     SELECT n.*, n.at FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[],
                                  $8::timestamptz[], $9::timestamptz[], $10::numeric[], $11::text[], $12::timestamptz[],
                                  $13::text[], $14::numeric[], $15::timestamptz[])
       AS n(id, shift_id, worker_id, lender_id, retailer_id, site_id, status, starts_at, ends_at, hourly_rate, currency,
            confirmed_at, policy_number, coverage, at)
     ON CONFLICT (id) DO UPDATE SET
       shift_id = EXCLUDED.shift_id, worker_id = EXCLUDED.worker_id, lender_id = EXCLUDED.lender_id,
       retailer_id = EXCLUDED.retailer_id, site_id = EXCLUDED.site_id, status = EXCLUDED.status,
       starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, hourly_rate = EXCLUDED.hourly_rate,
       currency = EXCLUDED.currency, confirmed_at = EXCLUDED.confirmed_at, policy_number = EXCLUDED.policy_number,
       coverage = EXCLUDED.coverage, updated_at = EXCLUDED.updated_at`,
    [
      d.map((p) => p.placementId), d.map((p) => p.shiftId), d.map((p) => p.workerId), d.map((p) => p.lenderId),
      d.map((p) => p.retailerId), d.map((p) => p.siteId), d.map((p) => p.status), d.map((p) => p.startsAt),
      d.map((p) => p.endsAt), d.map((p) => p.hourlyRate), d.map((p) => p.currency), d.map((p) => p.confirmedAt),
      d.map((p) => p.insurance.policyNumber), d.map((p) => p.insurance.coverage), placed.map((e) => e.metadata.occurredAt),
    ],
  );
}

/** A confirmed placement without a check-in 30 minutes after the start becomes NO_SHOW. */
function scheduleNoShow(db: EntityManager, placementId: string, startsAt: Date): Promise<void> {
  return scheduleTimer(db, noShowTimerFor(placementId, startsAt));
}

function noShowTimerFor(placementId: string, startsAt: Date): Timer {
  return { id: noShowTimer(placementId), kind: NO_SHOW, targetId: placementId, dueAt: new Date(startsAt.getTime() + 30 * MINUTE) };
}

function toColumn(property: string): string {
  return property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
