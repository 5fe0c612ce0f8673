export * from './decider';
export * from './domain-error';
export * from './clock';
export * from './ids';
export * from './geo';
export * from './time-zone';
export * from './vocabulary';
export * from './lru-cache';
