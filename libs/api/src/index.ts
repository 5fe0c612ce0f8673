export * from './caller';
export * from './request-context';
export * from './scalars';
export * from './clock.module';
export * from './history';
export * from './pagination';
