export * from './check-in';
export * from './close-contacts';
