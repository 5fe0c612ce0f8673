export type PlacementStatus =
  | 'INVITED'
  | 'PENDING_LENDER'
  | 'CONFIRMED'
  | 'CHECKED_IN'
  | 'CHECKED_OUT'
  | 'APPROVED'
  | 'DISPUTED'
  | 'SETTLED'
  | 'DECLINED'
  | 'REJECTED'
  | 'EXPIRED'
  | 'CANCELLED'
  | 'NO_SHOW';

/** A placement in one of these holds one of its posting's slots. */
export const SLOT_HOLDING_STATUSES: readonly PlacementStatus[] = [
  'PENDING_LENDER',
  'CONFIRMED',
  'CHECKED_IN',
  'CHECKED_OUT',
  'APPROVED',
  'DISPUTED',
  'SETTLED',
];

/** A placement in one of these sits in the worker's schedule: it blocks overlaps and counts towards weekly hours. */
export const SCHEDULED_STATUSES: readonly PlacementStatus[] = ['PENDING_LENDER', 'CONFIRMED', 'CHECKED_IN'];
