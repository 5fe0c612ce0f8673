import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, CurrentCaller, DateScalar, DomainEventType, encodeCursor, readHistory } from '@blue-ocean/api';
import { EVENT_STORE, EventStore } from '@blue-ocean/event-store';
import { InvalidInput } from '@blue-ocean/kernel';
import { Placements, PlacementType, toPlacement } from '@blue-ocean/marketplace';
import { Organizations, OrganizationType, toOrganization } from '@blue-ocean/organizations';
import { IdempotencyStore } from '@blue-ocean/persistence';
import { ApproveTimesheet, DisputeTimesheet, RecordSettlementPayment } from '../application/settlement-commands';
import { Settlements } from '../application/settlements.query';
import { settlementStream } from '../domain';
import { LedgerEntryRow, SettlementRow } from '../projections/settlement.entities';
import {
  ApproveTimesheetInput,
  EarningsSummaryType,
  LedgerEntryType,
  SettlementConnection,
  SettlementLineKindValue,
  SettlementLineType,
  SettlementStatusValue,
  SettlementType,
  WageBreakdownType,
} from './settlement.types';

export function toSettlement(row: SettlementRow): SettlementType {
  return {
    id: row.id,
    retailerId: row.retailerId,
    lenderId: row.lenderId,
    businessDate: row.businessDate,
    status: row.status as SettlementStatusValue,
    grossPay: row.grossPay,
    cancellationFees: row.cancellationFees,
    platformFees: row.platformFees,
    total: row.total,
    currency: row.currency,
    paymentReference: row.paymentReference,
    paidAt: row.paidAt,
  };
}

export function toLedgerEntry(row: LedgerEntryRow): LedgerEntryType {
  return {
    id: row.id,
    at: row.at,
    account: row.account,
    amount: row.amount,
    currency: row.currency,
    settlementId: row.settlementId,
    placementId: row.placementId,
  };
}

const MAX_TEXT = 500;

@Resolver(() => SettlementType)
export class SettlementResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly reads: Settlements,
    private readonly organizations: Organizations,
    private readonly idempotency: IdempotencyStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Query(() => SettlementType, { nullable: true })
  async settlement(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<SettlementType> {
    return toSettlement(await this.reads.visibleTo(caller, id));
  }

  @Query(() => SettlementConnection, { description: "A retailer's or a lender's settlements (its members only)." })
  async settlements(
    @CurrentCaller() caller: Caller,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('status', { type: () => [SettlementStatusValue], nullable: true }) status: SettlementStatusValue[] | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<SettlementConnection> {
    const page = await this.reads.ofOrganization(caller, organizationId, status, first ?? 20, after);
    return {
      edges: page.rows.map((row) => ({ node: toSettlement(row), cursor: encodeCursor(row) })),
      pageInfo: page.pageInfo,
      totalCount: page.totalCount,
    };
  }

  /** The retailer's members; as soon as the settlement has a line. Its approved placements become SETTLED. */
  @Mutation(() => SettlementType)
  async recordSettlementPayment(
    @CurrentCaller() caller: Caller,
    @Args('settlementId', { type: () => ID }) settlementId: string,
    @Args('paymentReference') paymentReference: string,
    @Args('idempotencyKey', { type: () => String, nullable: true }) idempotencyKey: string | null,
  ): Promise<SettlementType> {
    if (paymentReference.trim().length > MAX_TEXT) throw new InvalidInput('paymentReference', `paymentReference must be at most ${MAX_TEXT} characters.`);
    const id = await this.idempotency.run(caller.userId, idempotencyKey, 'recordSettlementPayment', { settlementId, paymentReference }, async () => {
      await this.reads.visibleTo(caller, settlementId);
      await this.commands.execute(new RecordSettlementPayment(caller, settlementId, paymentReference));
      return settlementId;
    });
    return toSettlement(await this.reads.visibleTo(caller, id));
  }

  @ResolveField(() => OrganizationType)
  async retailer(@Parent() settlement: SettlementType): Promise<OrganizationType> {
    return toOrganization(await this.organizations.byId(settlement.retailerId));
  }

  @ResolveField(() => OrganizationType)
  async lender(@Parent() settlement: SettlementType): Promise<OrganizationType> {
    return toOrganization(await this.organizations.byId(settlement.lenderId));
  }

  /** Whoever sees the settlement is a party to each of its placements (retailer or lender). */
  @ResolveField(() => [SettlementLineType])
  async lines(@Parent() settlement: SettlementType, @Context() context: object): Promise<SettlementLineType[]> {
    const lines = await this.reads.linesOf(settlement.id, context);
    return lines.map(({ line, placement }) => ({ placement: toPlacement(placement), kind: line.kind as SettlementLineKindValue, amount: line.amount }));
  }

  @ResolveField(() => [DomainEventType])
  history(@Parent() settlement: SettlementType): Promise<DomainEventType[]> {
    return readHistory(this.store, settlementStream(settlement.id));
  }
}

@Resolver()
export class SettlementQueriesResolver {
  constructor(private readonly settlements: Settlements) {}

  @Query(() => [LedgerEntryType], { description: "An organization's own ledger accounts, in posting order (its members only)." })
  async ledger(
    @CurrentCaller() caller: Caller,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true, description: 'the id of the last entry already read' }) after: string | null,
  ): Promise<LedgerEntryType[]> {
    return (await this.settlements.ledger(caller, organizationId, first ?? 50, after)).map(toLedgerEntry);
  }

  @Query(() => EarningsSummaryType, { description: "A worker's approved work in a date range (the worker, or the employer's members)." })
  earnings(
    @CurrentCaller() caller: Caller,
    @Args('workerId', { type: () => ID }) workerId: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('until', { type: () => DateScalar }) until: string,
  ): Promise<EarningsSummaryType> {
    return this.settlements.earnings(caller, workerId, from, until);
  }
}

/** The timesheet mutations answer with the placement; `Placement.wage` is set once approved. */
@Resolver(() => PlacementType)
export class TimesheetResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly placements: Placements,
    private readonly settlements: Settlements,
    private readonly idempotency: IdempotencyStore,
  ) {}

  @Mutation(() => PlacementType)
  async approveTimesheet(@CurrentCaller() caller: Caller, @Args('input') input: ApproveTimesheetInput): Promise<PlacementType> {
    const placementId = input.placementId;
    const approvedMinutes = input.approvedMinutes ?? null;
    const adjustmentReason = input.adjustmentReason || null;
    const id = await this.idempotency.run(
      caller.userId,
      input.idempotencyKey,
      'approveTimesheet',
      { placementId, approvedMinutes, adjustmentReason },
      async () => {
        await this.placements.visibleTo(caller, placementId);
        await this.commands.execute(new ApproveTimesheet(caller, placementId, approvedMinutes, adjustmentReason));
        return placementId;
      },
    );
    return toPlacement(await this.placements.visibleTo(caller, id));
  }

  @Mutation(() => PlacementType)
  async disputeTimesheet(
    @CurrentCaller() caller: Caller,
    @Args('placementId', { type: () => ID }) placementId: string,
    @Args('reason') reason: string,
    @Args('idempotencyKey', { type: () => String, nullable: true }) idempotencyKey: string | null,
  ): Promise<PlacementType> {
    if (reason.trim().length > MAX_TEXT) throw new InvalidInput('reason', `reason must be at most ${MAX_TEXT} characters.`);
    const id = await this.idempotency.run(caller.userId, idempotencyKey, 'disputeTimesheet', { placementId, reason }, async () => {
      await this.placements.visibleTo(caller, placementId);
      await this.commands.execute(new DisputeTimesheet(caller, placementId, reason));
      return placementId;
    });
    return toPlacement(await this.placements.visibleTo(caller, id));
  }

  @ResolveField(() => WageBreakdownType, { nullable: true, description: 'set once approved' })
  wage(@Parent() placement: PlacementType, @Context() context: object): Promise<WageBreakdownType | null> {
    return this.settlements.wageOf(placement.id, context);
  }
}
