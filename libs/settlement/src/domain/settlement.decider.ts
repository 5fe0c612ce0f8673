import { Decider, DomainError, InvalidInput, isTimeZone, localDate } from '@blue-ocean/kernel';
import { assertCurrency, formatMoney, parseMoney } from './money';
import { SettlementEvent, SettlementLine, SettlementLineKind, SettlementOpened } from './settlement.events';

/** Which settlement: one retailer, one lender, one business date, one currency. */
export type SettlementIdentity = SettlementOpened['data'];

export type SettlementCommand = AddLines | RemovePlacementLines | RecordPayment | Invoice;

/** Opens the settlement with its first lines. Once it is paid, the caller opens a new one for the same day. */
export interface AddLines {
  type: 'AddLines';
  settlement: SettlementIdentity;
  lines: SettlementLine[];
}

/** A disputed timesheet takes its placement's lines out. */
export interface RemovePlacementLines {
  type: 'RemovePlacementLines';
  placementId: string;
}

export interface RecordPayment {
  type: 'RecordPayment';
  paymentReference: string;
  at: Date;
}

/** `timeZone` is the site's: it says when the business date has ended. */
export interface Invoice {
  type: 'Invoice';
  at: Date;
  timeZone: string;
}

export type SettlementStatus = 'OPEN' | 'INVOICED' | 'PAID';

export interface ExistingSettlement extends SettlementIdentity {
  status: SettlementStatus;
  lines: SettlementLine[];
  paymentReference: string | null;
  paidAt: string | null;
}

export type SettlementState = { status: 'none' } | ExistingSettlement;

export const settlement: Decider<SettlementCommand, SettlementEvent, SettlementState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'AddLines':
        return addLines(command, state);
      case 'RemovePlacementLines':
        return removePlacementLines(command, state);
      case 'RecordPayment':
        return recordPayment(command, state);
      case 'Invoice':
        return invoice(command, state);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'SettlementOpened':
        return { ...event.data, status: 'OPEN', lines: [], paymentReference: null, paidAt: null };
      case 'SettlementLineAdded':
        return { ...existing(state), lines: [...existing(state).lines, event.data] };
      case 'SettlementLinesRemoved':
        return { ...existing(state), lines: existing(state).lines.filter((line) => line.placementId !== event.data.placementId) };
      case 'SettlementPaid':
        return { ...existing(state), status: 'PAID', paymentReference: event.data.paymentReference, paidAt: event.data.at };
      case 'SettlementInvoiced':
        return { ...existing(state), status: 'INVOICED' };
    }
  },
};

/**
 * Adding a line a placement already has (same kind, same amount) does nothing, so a repeated
 * approval cannot bill twice; the same kind with another amount is refused.
 */
function addLines(command: AddLines, state: SettlementState): SettlementEvent[] {
  if (command.lines.length === 0) throw new InvalidInput('lines', 'Add at least one line.');
  const lines = command.lines.map(validLine);
  if (state.status === 'PAID') {
    throw new DomainError('SETTLEMENT_CLOSED', 'This settlement is paid; later lines go into a new settlement for the same day.');
  }
  const opening: SettlementEvent[] = state.status === 'none' ? [{ type: 'SettlementOpened', data: validIdentity(command.settlement) }] : [];
  if (state.status !== 'none' && !sameSettlement(state, command.settlement)) {
    throw new DomainError('INVALID_TRANSITION', 'These lines belong to another settlement.');
  }

  const kept = state.status === 'none' ? [] : [...state.lines];
  const added: SettlementEvent[] = [];
  for (const line of lines) {
    const present = kept.find((other) => other.placementId === line.placementId && other.kind === line.kind);
    if (present && present.amount !== line.amount) {
      throw new DomainError('INVALID_TRANSITION', `Placement ${line.placementId} already has a ${line.kind} line of ${present.amount}.`);
    }
    if (present) continue;
    kept.push(line);
    added.push({ type: 'SettlementLineAdded', data: line });
  }
  return [...opening, ...added];
}

function removePlacementLines(command: RemovePlacementLines, state: SettlementState): SettlementEvent[] {
  if (state.status === 'none') throw new DomainError('INVALID_TRANSITION', 'There is no such settlement.');
  if (state.status === 'PAID') throw new DomainError('SETTLEMENT_CLOSED', 'This settlement is paid; its lines can no longer change.');
  const lines = state.lines.filter((line) => line.placementId === command.placementId);
  return lines.length === 0 ? [] : [{ type: 'SettlementLinesRemoved', data: { placementId: command.placementId, lines } }];
}

/** "Zero settlement period": a settlement can be paid as soon as it has a line. */
function recordPayment(command: RecordPayment, state: SettlementState): SettlementEvent[] {
  const paymentReference = command.paymentReference.trim();
  if (paymentReference === '') throw new InvalidInput('paymentReference', 'paymentReference must not be empty.');
  if (state.status === 'PAID') throw new DomainError('SETTLEMENT_CLOSED', 'This settlement is already paid.');
  if (state.status === 'none' || state.lines.length === 0) {
    throw new DomainError('INVALID_TRANSITION', 'A settlement can be paid once it has a line.');
  }
  const placementIds = [...new Set(state.lines.filter((line) => line.kind === 'WAGES').map((line) => line.placementId))];
  return [{ type: 'SettlementPaid', data: { paymentReference, at: command.at.toISOString(), placementIds } }];
}

/**
 * Whether every placement of the day is settled or final is for the caller to know; the
 * settlement checks what it can see. Invoicing again, or a paid settlement, does nothing.
 */
function invoice(command: Invoice, state: SettlementState): SettlementEvent[] {
  if (!isTimeZone(command.timeZone)) throw new InvalidInput('timeZone', 'timeZone must be an IANA time zone.');
  if (state.status === 'PAID' || state.status === 'INVOICED') return [];
  if (state.status === 'none' || state.lines.length === 0) {
    throw new DomainError('INVALID_TRANSITION', 'Only a settlement with lines can be invoiced.');
  }
  if (localDate(command.at, command.timeZone) <= state.businessDate) {
    throw new DomainError('INVALID_TRANSITION', 'A settlement is invoiced after its business date has ended.');
  }
  return [{ type: 'SettlementInvoiced', data: { at: command.at.toISOString() } }];
}

const LINE_KINDS: readonly SettlementLineKind[] = ['WAGES', 'CANCELLATION_FEE', 'PLATFORM_FEE'];
const BUSINESS_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The line with its amount written the one way ("240" → "240.00"), so equal amounts compare equal. */
function validLine(line: SettlementLine): SettlementLine {
  if (!LINE_KINDS.includes(line.kind)) throw new InvalidInput('kind', `kind must be one of ${LINE_KINDS.join(', ')}.`);
  if (line.placementId === '') throw new InvalidInput('placementId', 'placementId must not be empty.');
  const amount = parseMoney(line.amount, 'amount');
  if (amount.isNegative()) throw new InvalidInput('amount', 'A line amount must not be negative.');
  return { placementId: line.placementId, kind: line.kind, amount: formatMoney(amount) };
}

function validIdentity(identity: SettlementIdentity): SettlementIdentity {
  if (!BUSINESS_DATE.test(identity.businessDate)) throw new InvalidInput('businessDate', 'businessDate must be a date such as "2026-03-02".');
  assertCurrency(identity.currency);
  if (identity.timeZone !== undefined && !isTimeZone(identity.timeZone)) throw new InvalidInput('timeZone', 'timeZone must be an IANA time zone.');
  const { settlementId, retailerId, lenderId, businessDate, currency, timeZone } = identity;
  return { settlementId, retailerId, lenderId, businessDate, currency, ...(timeZone === undefined ? {} : { timeZone }) };
}

function sameSettlement(state: ExistingSettlement, identity: SettlementIdentity): boolean {
  return (
    state.settlementId === identity.settlementId &&
    state.retailerId === identity.retailerId &&
    state.lenderId === identity.lenderId &&
    state.businessDate === identity.businessDate &&
    state.currency === identity.currency
  );
}

function existing(state: SettlementState): ExistingSettlement {
  if (state.status === 'none') throw new Error('A settlement stream must begin with SettlementOpened.');
  return state;
}
