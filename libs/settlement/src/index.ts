export * from './settlement.module';
export * from './application/settlement-options';
export * from './application/settlements.query';
export * from './graphql/settlement.types';
export { toSettlement, toLedgerEntry } from './graphql/settlement.resolver';
export { settlementProjection, SETTLEMENT_INVOICE } from './projections/settlement.projection';
export { LedgerEntryRow, SettlementLineRow, SettlementRow } from './projections/settlement.entities';
export { SETTLEMENT_PROCESS_MANAGER, SETTLEMENT_PROCESS_RUNNER } from './application/cancellation-fee.process';
export * as settlementDomain from './domain';
