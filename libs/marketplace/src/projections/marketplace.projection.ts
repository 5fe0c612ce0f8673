import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@blue-ocean/event-store';
import { cancelTimer, Projection, scheduleTimer } from '@blue-ocean/persistence';
import type { PlacementEvent, ShiftPosted, ShiftPostingEvent } from '../domain/events';
import { PlacementRow, ShiftPostingRow } from './marketplace.entities';

export const PLACEMENT_EXPIRY = 'placement-expiry';
export const NO_SHOW = 'no-show';
export const AUTO_APPROVAL = 'auto-approval';
const expiryTimer = (placementId: string) => `${PLACEMENT_EXPIRY}:${placementId}`;
const noShowTimer = (placementId: string) => `${NO_SHOW}:${placementId}`;
const autoApprovalTimer = (placementId: string) => `${AUTO_APPROVAL}:${placementId}`;
const MINUTE = 60_000;

type Insert = (events: readonly RecordedEvent[], db: EntityManager) => Promise<void>;

/** The events that only add rows: a run of them in the log is written by one statement. */
const INSERTS: Partial<Record<string, Insert>> = {
  ShiftPosted: shiftsPosted,
};

/** Postings and placements as the API shows them, plus the expiry timers of open questions. */
export const marketplaceProjection: Projection = {
  name: 'marketplace',
  tables: ['shift_postings', 'placements', 'timers'],
  async apply(recorded: RecordedEvent, db: EntityManager) {
    const insert = INSERTS[recorded.type];
    if (insert) return insert([recorded], db);
    const event = recorded as unknown as ShiftPostingEvent | PlacementEvent;
    const at = new Date(recorded.metadata.occurredAt);
    switch (event.type) {
      case 'SlotTaken':
      case 'SlotFreed': {
        const change = event.type === 'SlotTaken' ? 1 : -1;
        await db.query(
          `UPDATE shift_postings SET slots_filled = slots_filled + $2,
             status = CASE WHEN status IN ('OPEN', 'FILLED')
                           THEN CASE WHEN slots_filled + $2 >= slots THEN 'FILLED' ELSE 'OPEN' END
                           ELSE status END
           WHERE id = $1`,
          [event.data.shiftId, change],
        );
        return;
      }
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
      case 'WorkerPlaced': {
        const d = event.data;
        const row = {
          shiftId: d.shiftId, workerId: d.workerId, lenderId: d.lenderId, retailerId: d.retailerId, siteId: d.siteId,
          status: d.status, startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt), hourlyRate: d.hourlyRate,
          currency: d.currency, confirmedAt: d.confirmedAt ? new Date(d.confirmedAt) : null,
          policyNumber: d.insurance.policyNumber, coverage: d.insurance.coverage, updatedAt: at,
        };
        await db
          .createQueryBuilder()
          .insert()
          .into(PlacementRow)
          .values({ id: d.placementId, ...row, createdAt: at })
          .orUpdate(Object.keys(row).map(toColumn), ['id'])
          .execute();
        if (d.decisionDueAt) {
          await scheduleTimer(db, { id: expiryTimer(d.placementId), kind: PLACEMENT_EXPIRY, targetId: d.placementId, dueAt: new Date(d.decisionDueAt) });
        } else {
          await cancelTimer(db, expiryTimer(d.placementId));
          await scheduleNoShow(db, d.placementId, new Date(d.startsAt));
        }
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
  /** Consecutive events of one insert are written together; every other event is applied alone, in the log's order. */
  async applyBatch(events: readonly RecordedEvent[], db: EntityManager) {
    let start = 0;
    while (start < events.length) {
      const insert = INSERTS[events[start].type];
      let end = start + 1;
      if (insert) {
        while (end < events.length && INSERTS[events[end].type] === insert) end++;
        await insert(events.slice(start, end), db);
      } else {
        await this.apply(events[start], db);
      }
      start = end;
    }
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

/** A confirmed placement without a check-in 30 minutes after the start becomes NO_SHOW. */
function scheduleNoShow(db: EntityManager, placementId: string, startsAt: Date): Promise<void> {
  return scheduleTimer(db, { id: noShowTimer(placementId), kind: NO_SHOW, targetId: placementId, dueAt: new Date(startsAt.getTime() + 30 * MINUTE) });
}

function toColumn(property: string): string {
  return property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
