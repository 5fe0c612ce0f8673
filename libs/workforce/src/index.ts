export * from './workforce.module';
export * from './application/workers.query';
export * from './application/worker-health.query';
export * from './application/lending-offers.query';
export * from './graphql/worker.types';
export * from './graphql/lending-offer.types';
export { toHealthStatus, toLendingOffer, toWorker } from './graphql/mapping';
export { workerProjection } from './projections/worker.projection';
export { HealthFactRow, LendingOfferRow, WorkerRow } from './projections/worker.entities';
