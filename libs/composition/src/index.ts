// How the modules are put together, shared by the gateway and the processor.
export * from './config';
export * from './read-models';
export * from './domain-modules';
