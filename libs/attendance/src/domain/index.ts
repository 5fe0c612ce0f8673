export * from './check-in';
export * from './close-contacts';
export * from './worked-minutes';
export * from './track-record';
