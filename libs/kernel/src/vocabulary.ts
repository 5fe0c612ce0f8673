/** Words every module shares. */

/** The jobs a worker can be lent for (the contract's `JobRole`). */
export const JOB_ROLES = [
  'PICKER',
  'PACKER',
  'SHELF_STOCKER',
  'CASHIER',
  'COURIER',
  'KITCHEN_HELPER',
  'CLEANER',
  'CUSTOMER_SERVICE',
  'WAREHOUSE_OPERATIVE',
  'DRIVER',
] as const;

export type JobRole = (typeof JOB_ROLES)[number];

export function isJobRole(value: string): value is JobRole {
  return (JOB_ROLES as readonly string[]).includes(value);
}

/** A worker's pass to work on site. */
export type HealthCode = 'GREEN' | 'AMBER' | 'RED';
