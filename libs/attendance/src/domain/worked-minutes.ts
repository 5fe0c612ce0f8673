export interface Attendance {
  startsAt: Date;
  checkInAt: Date;
  checkOutAt: Date;
  unpaidBreakMinutes: number;
}

const MINUTE_MS = 60_000;

/**
 * Whole minutes from max(check-in, startsAt) to check-out, less the unpaid break, never below 0.
 * Checking in early earns nothing before the shift starts. A partial minute is dropped
 * (8 min 59 s count as 8): only minutes actually completed are paid.
 */
export function workedMinutes({ startsAt, checkInAt, checkOutAt, unpaidBreakMinutes }: Attendance): number {
  const from = Math.max(checkInAt.getTime(), startsAt.getTime());
  const present = Math.floor((checkOutAt.getTime() - from) / MINUTE_MS);
  return Math.max(0, present - unpaidBreakMinutes);
}
