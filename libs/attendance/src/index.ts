export * from './attendance.module';
export * from './application/attendance-commands';
export * from './application/track-records.query';
export * from './application/close-contacts.query';
export * from './graphql/attendance.types';
export * as attendanceDomain from './domain';
export { workedMinutes, type Attendance } from './domain/worked-minutes';
