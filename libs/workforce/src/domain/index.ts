export * from './job-role';
export * from './events';
export * from './commands';
export * from './health-code';
export * from './lending';
export * from './claim-code';
export * from './worker.decider';
