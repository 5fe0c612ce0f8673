export * from './caller';
export * from './request-context';
export * from './scalars';
