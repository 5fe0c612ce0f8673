export * from './migrations';
export * from './decision-runner';
export * from './projections/projection';
export * from './projections/projection-runner';
export * from './idempotency';
export * from './persistence.module';
export * from './tokens';
export * from './timers';
