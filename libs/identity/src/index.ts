export * from './identity.module';
export * from './application/token.service';
export * from './application/users.query';
export * from './graphql/identity.types';
export { userProjection } from './projections/user.projection';
export { UserRow } from './projections/user.entity';
