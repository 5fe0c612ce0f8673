export * from './money';
export * from './wage';
export * from './worked-minutes';
export * from './settlement.events';
export * from './settlement.decider';
export * from './settlement-totals';
export * from './ledger';
export * from './earnings';
