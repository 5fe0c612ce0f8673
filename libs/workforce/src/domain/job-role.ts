export { JOB_ROLES, isJobRole, type JobRole } from '@blue-ocean/kernel';
