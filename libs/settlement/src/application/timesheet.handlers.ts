import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@blue-ocean/api';
import { Clock, CLOCK, DomainError, Forbidden, NotFound } from '@blue-ocean/kernel';
import { Parties, PlacementChanges, placementDomain } from '@blue-ocean/marketplace';
import { CommandContext } from '@blue-ocean/persistence';
import {
  AddDayLines,
  businessDateOf,
  calculateWage,
  decideDayLines,
  decideDayRemoval,
  Decimal,
  SettlementDayKey,
  SettlementDayState,
  SettlementLine,
  SettlementState,
} from '../domain';
import { ApproveTimesheet, AutoApproveTimesheet, DisputeTimesheet } from './settlement-commands';
import { SETTLEMENT_OPTIONS, SettlementOptions } from './settlement-options';
import { SettlementDays } from './settlement-days';

type PlacementRecord = placementDomain.PlacementRecord;
type PlacementEvent = placementDomain.PlacementEvent;
const { placement } = placementDomain;

const APPROVABLE = ['CHECKED_OUT', 'DISPUTED'];

/** The day a placement's lines belong to. */
export function dayOf(record: PlacementRecord, businessDate = businessDateOf(record.startsAt, record.siteTimeZone)): SettlementDayKey {
  return { retailerId: record.retailerId, lenderId: record.lenderId, businessDate, currency: record.currency };
}

/** The settlement lines of an approved timesheet: WAGES, and PLATFORM_FEE when it is not zero. */
export function linesOfWage(placementId: string, wage: placementDomain.WageBreakdown): SettlementLine[] {
  const lines: SettlementLine[] = [{ placementId, kind: 'WAGES', amount: wage.grossPay }];
  if (!new Decimal(wage.platformFee).isZero()) lines.push({ placementId, kind: 'PLATFORM_FEE', amount: wage.platformFee });
  return lines;
}

/**
 * Approval, by a retailer's member or by the system 24 hours after check-out: the placement's
 * TimesheetApproved and the lines in the day's open settlement (opening one if none is) are
 * one atomic append, so a timesheet is never approved without being billed, nor billed twice.
 */
@Injectable()
export class TimesheetApprovals {
  constructor(
    private readonly changes: PlacementChanges,
    private readonly days: SettlementDays,
    @Inject(SETTLEMENT_OPTIONS) private readonly options: SettlementOptions,
  ) {}

  async approve(
    placementId: string,
    how: { approvedMinutes: number | null; adjustmentReason: string | null; approvedBy: string | null; auto: boolean },
    context: CommandContext,
  ): Promise<void> {
    const current = await this.changes.current(placementId);
    if (how.auto && current.status !== 'CHECKED_OUT') return;
    const key = dayOf(current);
    await this.days.replanning(async () => {
      const plan = await this.days.plan(key);
      await this.changes.change(
        placementId,
        (state) => this.decideApproval(state, how, context.at),
        context,
        {
          loads: this.days.loads(key, plan.settlementId),
          decide: ([day, settlementState], events) => {
            const approved = events.find((event): event is placementDomain.TimesheetApproved => event.type === 'TimesheetApproved');
            if (!approved) return [[], []];
            const command: AddDayLines = { key, timeZone: current.siteTimeZone, lines: linesOfWage(placementId, approved.data.wage) };
            return decideDayLines(day as SettlementDayState, settlementState as SettlementState, plan, command);
          },
        },
      );
    });
  }

  private decideApproval(
    state: PlacementRecord,
    how: { approvedMinutes: number | null; adjustmentReason: string | null; approvedBy: string | null; auto: boolean },
    at: Date,
  ): PlacementEvent[] {
    if (how.auto && state.status !== 'CHECKED_OUT') return [];
    if (!APPROVABLE.includes(state.status)) {
      throw new DomainError('INVALID_TRANSITION', `Only a checked-out or disputed timesheet can be approved. The placement is ${state.status}.`);
    }
    const approvedMinutes = how.approvedMinutes ?? state.workedMinutes ?? 0;
    const wage = calculateWage({
      approvedMinutes,
      hourlyRate: state.hourlyRate,
      platformFeeRate: this.options.platformFeeRate,
      currency: state.currency,
    });
    const businessDate = businessDateOf(state.startsAt, state.siteTimeZone);
    if (how.auto) {
      return placement.decide({ type: 'AutoApproveTimesheet', at, approvedMinutes, adjustmentReason: null, businessDate, wage }, state);
    }
    return placement.decide(
      { type: 'ApproveTimesheet', at, approvedMinutes, adjustmentReason: how.adjustmentReason, approvedBy: how.approvedBy, businessDate, wage },
      state,
    );
  }
}

/** Who the caller is to the placement: NOT_FOUND for someone who may not see it. */
async function sideOrNotFound(parties: Parties, caller: Caller, record: PlacementRecord) {
  const side = await parties.sideOf(caller, record);
  if (!side && !caller.isPlatformAdmin) throw new NotFound('Placement');
  return side;
}

@CommandHandler(ApproveTimesheet)
export class ApproveTimesheetHandler implements ICommandHandler<ApproveTimesheet> {
  constructor(
    private readonly changes: PlacementChanges,
    private readonly parties: Parties,
    private readonly approvals: TimesheetApprovals,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Retailer members only: a lender (or the worker) approving is FORBIDDEN. */
  async execute({ caller, placementId, approvedMinutes, adjustmentReason }: ApproveTimesheet): Promise<void> {
    const current = await this.changes.current(placementId);
    await sideOrNotFound(this.parties, caller, current);
    await this.parties.requireRetailerMember(caller, current.retailerId);
    const at = this.clock.now();
    await this.approvals.approve(
      placementId,
      { approvedMinutes, adjustmentReason, approvedBy: caller.userId, auto: false },
      { actor: caller.userId, at },
    );
  }
}

@CommandHandler(AutoApproveTimesheet)
export class AutoApproveTimesheetHandler implements ICommandHandler<AutoApproveTimesheet> {
  constructor(
    private readonly approvals: TimesheetApprovals,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A no-op unless the placement is still CHECKED_OUT 24 hours after check-out (the decider checks). */
  async execute({ placementId }: AutoApproveTimesheet): Promise<void> {
    const at = this.clock.now();
    await this.approvals.approve(placementId, { approvedMinutes: null, adjustmentReason: null, approvedBy: null, auto: true }, { actor: null, at });
  }
}

@CommandHandler(DisputeTimesheet)
export class DisputeTimesheetHandler implements ICommandHandler<DisputeTimesheet> {
  constructor(
    private readonly changes: PlacementChanges,
    private readonly parties: Parties,
    private readonly days: SettlementDays,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The worker or the lender's members: APPROVED → DISPUTED, and the placement's lines leave
   * the day's open settlement in the same append. Once paid the placement is SETTLED and the
   * decider refuses with SETTLEMENT_CLOSED.
   */
  async execute({ caller, placementId, reason }: DisputeTimesheet): Promise<void> {
    const current = await this.changes.current(placementId);
    const side = await sideOrNotFound(this.parties, caller, current);
    if (side !== 'WORKER' && side !== 'LENDER') throw new Forbidden("Only the worker or the lender's members may dispute a timesheet.");
    const at = this.clock.now();
    const context = { actor: caller.userId, at };
    const decide = (state: PlacementRecord) => placement.decide({ type: 'DisputeTimesheet', at, reason, by: caller.userId }, state);
    if (current.status !== 'APPROVED' || !current.businessDate) {
      await this.changes.change(placementId, decide, context); // refused by the decider (SETTLEMENT_CLOSED, INVALID_TRANSITION)
      return;
    }
    const key = dayOf(current, current.businessDate);
    await this.days.replanning(async () => {
      const planned = (await this.days.day(key)).current;
      await this.changes.change(placementId, decide, context, {
        loads: this.days.loads(key, planned),
        decide: ([day, settlementState], events) => {
          if (!events.some((event) => event.type === 'TimesheetDisputed')) return [];
          const removed = decideDayRemoval(day as SettlementDayState, (settlementState ?? { status: 'none' }) as SettlementState, planned, placementId);
          return planned ? [[], removed] : [[]];
        },
      });
    });
  }
}
