import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Clock, CLOCK, DomainEventShape, localDate } from '@blue-ocean/kernel';
import { Parties, PlacementChanges, placementDomain } from '@blue-ocean/marketplace';
import { DecisionRunner, ProjectionRunner, scheduleTimer, StreamLoad } from '@blue-ocean/persistence';
import {
  businessDateOf,
  decideDayLines,
  Decimal,
  endOfBusinessDate,
  ExistingSettlement,
  INVOICE_RECHECK_MS,
  settlement,
  SettlementDayState,
  SettlementState,
  settlementStream,
  StalePlan,
  wagePlacementIds,
} from '../domain';
import { invoiceTimer, SETTLEMENT_INVOICE } from '../projections/settlement.projection';
import { BillCancellationFee, InvoiceSettlement, RecordSettlementPayment } from './settlement-commands';
import { SettlementDays } from './settlement-days';
import { Settlements } from './settlements.query';
import { dayOf } from './timesheet.handlers';

const { placement, placementStream } = placementDomain;

@CommandHandler(RecordSettlementPayment)
export class RecordSettlementPaymentHandler implements ICommandHandler<RecordSettlementPayment> {
  constructor(
    private readonly decisions: DecisionRunner,
    private readonly projections: ProjectionRunner,
    private readonly days: SettlementDays,
    private readonly settlements: Settlements,
    private readonly parties: Parties,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The retailer's members, as soon as the settlement has a line ("zero settlement period"):
   * PAID, and its approved placements SETTLED, in one atomic append over the settlement and
   * those placements' streams. Which placements is read first and checked again on the append.
   */
  async execute({ caller, settlementId, paymentReference }: RecordSettlementPayment): Promise<void> {
    const row = await this.settlements.visibleTo(caller, settlementId);
    await this.parties.requireRetailerMember(caller, row.retailerId);
    const at = this.clock.now();
    const position = await this.days.replanning(async () => {
      const planned = wagePlacementIds(await this.days.settlement(settlementId));
      const loads: StreamLoad[] = [
        { streamId: settlementStream(settlementId), decider: settlement as StreamLoad['decider'] },
        ...planned.map((id) => ({ streamId: placementStream(id), decider: placement as StreamLoad['decider'] })),
      ];
      const decision = await this.decisions.decideMany(
        loads,
        ([settlementState, ...placements]) => {
          const state = settlementState as SettlementState;
          if (wagePlacementIds(state).join() !== planned.join()) throw new StalePlan();
          const paid = settlement.decide({ type: 'RecordPayment', paymentReference, at }, state);
          const settled = placements.map((p) =>
            placement.decide({ type: 'MarkSettled', at, settlementId }, p as placementDomain.PlacementState),
          );
          return [paid, ...settled] as DomainEventShape[][];
        },
        { actor: caller.userId, at },
      );
      return decision.position;
    });
    await this.projections.passed(position);
  }
}

@CommandHandler(BillCancellationFee)
export class BillCancellationFeeHandler implements ICommandHandler<BillCancellationFee> {
  constructor(
    private readonly decisions: DecisionRunner,
    private readonly changes: PlacementChanges,
    private readonly days: SettlementDays,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A CANCELLATION_FEE line in the settlement of the shift's business date. Idempotent: the day
   * stream records each fee it bills, so a repeat (the process manager delivers at least once)
   * writes nothing, even after the settlement that took the fee has been paid.
   */
  async execute({ placementId, actor, correlationId }: BillCancellationFee): Promise<void> {
    const current = await this.changes.current(placementId);
    const fee = current.cancellation?.fee ?? '0';
    if (current.status !== 'CANCELLED' || new Decimal(fee).isZero()) return;
    const key = dayOf(current, businessDateOf(current.startsAt, current.siteTimeZone));
    const at = this.clock.now();
    await this.days.replanning(async () => {
      const plan = await this.days.plan(key);
      await this.decisions.decideMany(
        this.days.loads(key, plan.settlementId),
        ([day, settlementState]) =>
          decideDayLines(day as SettlementDayState, settlementState as SettlementState, plan, {
            key,
            timeZone: current.siteTimeZone,
            lines: [{ placementId, kind: 'CANCELLATION_FEE', amount: fee }],
            cancellationFee: { placementId, amount: fee },
          }),
        { actor, at, correlationId },
      );
    });
  }
}

@CommandHandler(InvoiceSettlement)
export class InvoiceSettlementHandler implements ICommandHandler<InvoiceSettlement> {
  private readonly logger = new Logger('Settlements');

  constructor(
    private readonly decisions: DecisionRunner,
    private readonly days: SettlementDays,
    private readonly settlements: Settlements,
    private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * After the business date has ended at the site, an OPEN settlement with lines becomes
   * INVOICED once every placement of its day is settled or final (domain/invoicing.ts); until
   * then the timer looks again every hour.
   */
  async execute({ settlementId }: InvoiceSettlement): Promise<void> {
    const state = await this.days.settlement(settlementId);
    if (state.status !== 'OPEN') return;
    const timeZone = state.timeZone ?? 'UTC';
    const now = this.clock.now();
    if (localDate(now, timeZone) <= state.businessDate) return this.lookAgainAt(settlementId, endOfBusinessDate(state.businessDate, timeZone));
    if ((await this.settlements.placementsNotDone(state)) > 0) return this.lookAgainAt(settlementId, new Date(now.getTime() + INVOICE_RECHECK_MS));
    if (state.lines.length === 0) return; // every line was disputed away: nothing to invoice
    await this.decisions.decide<SettlementState>(
      { streamId: settlementStream(settlementId), decider: settlement },
      (current) => (isInvoiceable(current) ? settlement.decide({ type: 'Invoice', at: now, timeZone }, current) : []),
      { actor: null, at: now },
    );
    this.logger.log(`Settlement ${settlementId} of ${state.businessDate} invoiced.`);
  }

  /** The timer row is the projection's; moving its due time is how the runner is asked to come back. */
  private async lookAgainAt(settlementId: string, dueAt: Date): Promise<void> {
    await scheduleTimer(this.db.manager, { id: invoiceTimer(settlementId), kind: SETTLEMENT_INVOICE, targetId: settlementId, dueAt });
  }
}

function isInvoiceable(state: SettlementState): state is ExistingSettlement {
  return state.status === 'OPEN' && state.lines.length > 0;
}
