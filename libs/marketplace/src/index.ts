export * from './marketplace.module';
export * from './application/shift-postings.query';
export * from './application/placements.query';
export * from './application/parties';
export * from './application/placement-changes';
export * from './graphql/marketplace.types';
export { toPlacement, toShiftPosting, edgesOf } from './graphql/mapping';
export { marketplaceProjection, PLACEMENT_EXPIRY } from './projections/marketplace.projection';
export { PlacementRow, ShiftPostingRow } from './projections/marketplace.entities';
