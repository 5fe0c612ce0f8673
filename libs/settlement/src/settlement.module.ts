import { DynamicModule, Inject, Module, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { EVENT_STORE, EventStore } from '@blue-ocean/event-store';
import { AUTO_APPROVAL, MarketplaceModule } from '@blue-ocean/marketplace';
import { OrganizationsModule } from '@blue-ocean/organizations';
import { ProjectionRunner, TimerRunner } from '@blue-ocean/persistence';
import { WorkforceModule } from '@blue-ocean/workforce';
import { cancellationFeeProcess, SETTLEMENT_PROCESS_MANAGER, SETTLEMENT_PROCESS_RUNNER } from './application/cancellation-fee.process';
import { AutoApproveTimesheet, InvoiceSettlement } from './application/settlement-commands';
import { SettlementDays } from './application/settlement-days';
import { SETTLEMENT_OPTIONS, SettlementOptions } from './application/settlement-options';
import { BillCancellationFeeHandler, InvoiceSettlementHandler, RecordSettlementPaymentHandler } from './application/settlement.handlers';
import { Settlements } from './application/settlements.query';
import { ApproveTimesheetHandler, AutoApproveTimesheetHandler, DisputeTimesheetHandler, TimesheetApprovals } from './application/timesheet.handlers';
import { SettlementQueriesResolver, SettlementResolver, TimesheetResolver } from './graphql/settlement.resolver';
import { SETTLEMENT_INVOICE } from './projections/settlement.projection';

/**
 * Wages, timesheet approval and dispute, settlements, the ledger and earnings.
 *
 * Besides its handlers it runs, where the projections run, a process manager of its own (a second
 * ProjectionRunner with its own checkpoint and advisory lock) that bills late-cancellation fees,
 * and two timers: auto-approval 24 hours after check-out, and invoicing after the business date.
 */
@Module({})
export class SettlementModule implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  static forRoot(options: SettlementOptions): DynamicModule {
    return {
      module: SettlementModule,
      imports: [CqrsModule, OrganizationsModule, WorkforceModule, MarketplaceModule],
      providers: [
        { provide: SETTLEMENT_OPTIONS, useValue: options },
        {
          provide: SETTLEMENT_PROCESS_RUNNER,
          inject: [EVENT_STORE, DataSource, CommandBus],
          useFactory: (store: EventStore, db: DataSource, commands: CommandBus) =>
            new ProjectionRunner(store, db, [cancellationFeeProcess(commands)], { name: SETTLEMENT_PROCESS_MANAGER }),
        },
        SettlementDays,
        Settlements,
        TimesheetApprovals,
        ApproveTimesheetHandler,
        AutoApproveTimesheetHandler,
        DisputeTimesheetHandler,
        RecordSettlementPaymentHandler,
        BillCancellationFeeHandler,
        InvoiceSettlementHandler,
        SettlementResolver,
        SettlementQueriesResolver,
        TimesheetResolver,
      ],
      exports: [Settlements],
    };
  }

  constructor(
    private readonly timers: TimerRunner,
    private readonly commands: CommandBus,
    @Inject(SETTLEMENT_OPTIONS) private readonly options: SettlementOptions,
    @Inject(SETTLEMENT_PROCESS_RUNNER) private readonly processManager: ProjectionRunner,
  ) {}

  onModuleInit(): void {
    this.timers.on(AUTO_APPROVAL, (placementId) => this.commands.execute(new AutoApproveTimesheet(placementId)));
    this.timers.on(SETTLEMENT_INVOICE, (settlementId) => this.commands.execute(new InvoiceSettlement(settlementId)));
  }

  onApplicationBootstrap(): void {
    if (this.options.runProcessManagers) this.processManager.start();
  }

  /** Before the persistence module closes the pool (onApplicationShutdown comes after every onModuleDestroy). */
  async onModuleDestroy(): Promise<void> {
    await this.processManager.stop();
  }
}
