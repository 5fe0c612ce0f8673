import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@blue-ocean/event-store';
import { cancelTimer, Projection, scheduleTimer } from '@blue-ocean/persistence';
import {
  endOfBusinessDate,
  LedgerEntryDraft,
  postingsForLine,
  reversalsForLine,
  SettlementEvent,
  SettlementLine,
  SettlementLineKind,
  settlementTotals,
} from '../domain';
import { LedgerEntryRow, SettlementLineRow, SettlementRow } from './settlement.entities';

/** Fired when a settlement's business date has ended at the site: it may become INVOICED. */
export const SETTLEMENT_INVOICE = 'settlement-invoice';
export const invoiceTimer = (settlementId: string) => `${SETTLEMENT_INVOICE}:${settlementId}`;

const SETTLEMENT_STREAM = /^settlement-([0-9a-f-]{36})$/;

/**
 * Settlements with their lines and totals, and the double-entry ledger: each line added is
 * posted as entries that sum to zero, each line a dispute takes out is reversed.
 */
export const settlementProjection: Projection = {
  name: 'settlement',
  tables: ['settlements', 'settlement_lines', 'ledger_entries'],
  async apply(recorded: RecordedEvent, db: EntityManager) {
    const event = recorded as unknown as SettlementEvent;
    const settlementId = SETTLEMENT_STREAM.exec(recorded.streamId)?.[1];
    if (!settlementId) return;
    const at = new Date(recorded.metadata.occurredAt);
    switch (event.type) {
      case 'SettlementOpened': {
        const d = event.data;
        const timeZone = d.timeZone ?? 'UTC';
        await db.insert(SettlementRow, {
          id: settlementId,
          retailerId: d.retailerId,
          lenderId: d.lenderId,
          businessDate: d.businessDate,
          currency: d.currency,
          timeZone,
          status: 'OPEN',
          grossPay: '0.00',
          cancellationFees: '0.00',
          platformFees: '0.00',
          total: '0.00',
          lineCount: 0,
          createdAt: at,
          updatedAt: at,
        });
        await scheduleTimer(db, {
          id: invoiceTimer(settlementId),
          kind: SETTLEMENT_INVOICE,
          targetId: settlementId,
          dueAt: endOfBusinessDate(d.businessDate, timeZone),
        });
        return;
      }
      case 'SettlementLineAdded': {
        const settlement = await db.findOneByOrFail(SettlementRow, { id: settlementId });
        const line = event.data;
        await db.insert(SettlementLineRow, { settlementId, placementId: line.placementId, kind: line.kind, amount: line.amount, createdAt: at });
        await post(db, recorded, settlement, [line], 'POSTING');
        await refreshTotals(db, settlementId, at);
        return;
      }
      case 'SettlementLinesRemoved': {
        const settlement = await db.findOneByOrFail(SettlementRow, { id: settlementId });
        await db.delete(SettlementLineRow, { settlementId, placementId: event.data.placementId });
        await post(db, recorded, settlement, event.data.lines, 'REVERSAL');
        await refreshTotals(db, settlementId, at);
        return;
      }
      case 'SettlementPaid':
        await db.update(SettlementRow, { id: settlementId }, {
          status: 'PAID',
          paymentReference: event.data.paymentReference,
          paidAt: new Date(event.data.at),
          updatedAt: at,
        });
        await cancelTimer(db, invoiceTimer(settlementId));
        return;
      case 'SettlementInvoiced':
        await db.update(SettlementRow, { id: settlementId }, { status: 'INVOICED', invoicedAt: new Date(event.data.at), updatedAt: at });
        await cancelTimer(db, invoiceTimer(settlementId));
        return;
    }
  },
};

async function post(
  db: EntityManager,
  recorded: RecordedEvent,
  settlement: SettlementRow,
  lines: readonly SettlementLine[],
  entry: 'POSTING' | 'REVERSAL',
): Promise<void> {
  const parties = { retailerId: settlement.retailerId, lenderId: settlement.lenderId };
  const rows: Partial<LedgerEntryRow>[] = [];
  for (const line of lines) {
    const drafts: LedgerEntryDraft[] = entry === 'POSTING' ? postingsForLine(line, parties) : reversalsForLine(line, parties);
    for (const draft of drafts) {
      rows.push({
        id: entryId(recorded.id, rows.length),
        at: new Date(recorded.metadata.occurredAt),
        account: draft.account,
        ownerId: ownerOf(draft.account, parties),
        amount: draft.amount,
        currency: settlement.currency,
        settlementId: settlement.id,
        placementId: line.placementId,
        kind: line.kind as SettlementLineKind,
        entry,
      });
    }
  }
  if (rows.length) await db.insert(LedgerEntryRow, rows);
}

async function refreshTotals(db: EntityManager, settlementId: string, at: Date): Promise<void> {
  const lines = await db.find(SettlementLineRow, { where: { settlementId } });
  const totals = settlementTotals(lines.map((line) => ({ placementId: line.placementId, kind: line.kind as SettlementLineKind, amount: line.amount })));
  await db.update(SettlementRow, { id: settlementId }, { ...totals, lineCount: lines.length, updatedAt: at });
}

function ownerOf(account: string, parties: { retailerId: string; lenderId: string }): string | null {
  if (account.startsWith('retailer:')) return parties.retailerId;
  if (account.startsWith('lender:')) return parties.lenderId;
  return null;
}

/** A stable id per entry, so a rebuild gives every entry the id it had. */
function entryId(eventId: string, index: number): string {
  const hex = createHash('sha256').update(`${eventId}:${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
