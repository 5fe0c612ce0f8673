import type { Money } from './money';
import type { PlacementStatus } from './placement-status';

/** An ISO-8601 instant in UTC, as `Date.prototype.toISOString` writes it. */
export type Instant = string;

export { JOB_ROLES, type JobRole, type HealthCode } from '@blue-ocean/kernel';
import type { HealthCode, JobRole } from '@blue-ocean/kernel';
export type CancelledBy = 'RETAILER' | 'WORKER' | 'LENDER' | 'PLATFORM';

// ─── shift posting stream: guards the slots ───

export type ShiftPosted = {
  type: 'ShiftPosted';
  data: {
    shiftId: string;
    retailerId: string;
    siteId: string;
    siteTimeZone: string;
    role: JobRole;
    title: string;
    description: string | null;
    startsAt: Instant;
    endsAt: Instant;
    unpaidBreakMinutes: number;
    slots: number;
    hourlyRate: Money;
    currency: string;
    requiresGreenCode: boolean;
    postedAt: Instant;
  };
};
export type ShiftCancelled = { type: 'ShiftCancelled'; data: { shiftId: string; reason: string; at: Instant } };
export type ShiftCompleted = { type: 'ShiftCompleted'; data: { shiftId: string; at: Instant } };
export type SlotTaken = { type: 'SlotTaken'; data: { shiftId: string; placementId: string; workerId: string; at: Instant } };
export type SlotFreed = { type: 'SlotFreed'; data: { shiftId: string; placementId: string; at: Instant } };

export type ShiftPostingEvent = ShiftPosted | ShiftCancelled | ShiftCompleted | SlotTaken | SlotFreed;

// ─── worker schedule stream: guards overlaps and weekly hours ───

export type WorkerBooked = {
  type: 'WorkerBooked';
  data: {
    workerId: string;
    placementId: string;
    shiftId: string;
    startsAt: Instant;
    endsAt: Instant;
    /** Paid minutes: the shift's length less its unpaid break. */
    minutes: number;
    siteTimeZone: string;
    /** ISO week of startsAt in the site's time zone, e.g. "2026-W10". */
    isoWeek: string;
    at: Instant;
  };
};
export type WorkerReleased = { type: 'WorkerReleased'; data: { workerId: string; placementId: string; at: Instant } };

export type WorkerScheduleEvent = WorkerBooked | WorkerReleased;

// ─── placement stream: one worker on one posting ───

/** What a placement knows of its shift, copied from the posting so the placement decides on its own. */
export type PlacementTerms = {
  placementId: string;
  shiftId: string;
  workerId: string;
  lenderId: string;
  retailerId: string;
  siteId: string;
  siteTimeZone: string;
  role: JobRole;
  startsAt: Instant;
  endsAt: Instant;
  unpaidBreakMinutes: number;
  hourlyRate: Money;
  currency: string;
};

export type InsuranceCover = { policyNumber: string; coverage: Money; currency: string };

export type Cancellation = { by: CancelledBy; reason: string; at: Instant; late: boolean; fee: Money };

export type WorkerInvited = {
  type: 'WorkerInvited';
  data: PlacementTerms & { invitedAt: Instant; expiresAt: Instant };
};
/** The worker took a slot, by accepting the posting or an invitation. */
export type WorkerPlaced = {
  type: 'WorkerPlaced';
  data: PlacementTerms & {
    status: 'PENDING_LENDER' | 'CONFIRMED';
    via: 'ACCEPT' | 'INVITATION';
    acceptedBy: string;
    placedAt: Instant;
    /** When an undecided PENDING_LENDER placement expires; null when confirmed at once. */
    decisionDueAt: Instant | null;
    confirmedAt: Instant | null;
    insurance: InsuranceCover;
  };
};
export type PlacementApproved = { type: 'PlacementApproved'; data: { placementId: string; lenderId: string; at: Instant } };
export type PlacementRejected = {
  type: 'PlacementRejected';
  data: { placementId: string; lenderId: string; reason: string | null; at: Instant };
};
export type PlacementExpired = { type: 'PlacementExpired'; data: { placementId: string; at: Instant } };
export type InvitationDeclined = { type: 'InvitationDeclined'; data: { placementId: string; at: Instant } };
export type InvitationExpired = { type: 'InvitationExpired'; data: { placementId: string; at: Instant } };
export type PlacementCancelled = {
  type: 'PlacementCancelled';
  data: Cancellation & { placementId: string; currency: string; statusBefore: PlacementStatus };
};

// ─── the placement's attendance and timesheet (decided in placement-attendance.ts) ───

export type WorkerCheckedIn = {
  type: 'WorkerCheckedIn';
  data: { placementId: string; at: Instant; location: { lat: number; lng: number }; temperatureCelsius: number };
};
export type WorkerCheckedOut = {
  type: 'WorkerCheckedOut';
  data: { placementId: string; at: Instant; location: { lat: number; lng: number }; workedMinutes: number };
};
/** Confirmed, and nobody checked in 30 minutes after the start: the slot is freed. */
export type PlacementNoShow = { type: 'PlacementNoShow'; data: { placementId: string; at: Instant } };
/** The wage is computed when the timesheet is approved and travels with the event. */
export type WageBreakdown = {
  regularMinutes: number;
  overtimeMinutes: number;
  regularPay: Money;
  overtimePay: Money;
  grossPay: Money;
  platformFee: Money;
  retailerTotal: Money;
  currency: string;
};
export type TimesheetApproved = {
  type: 'TimesheetApproved';
  data: {
    placementId: string;
    at: Instant;
    approvedMinutes: number;
    adjustmentReason: string | null;
    /** The retailer's member who approved, or null when the system approved 24 hours after check-out. */
    approvedBy: string | null;
    /** The shift's business date: the local date of startsAt at the site. */
    businessDate: string;
    wage: WageBreakdown;
  };
};
export type TimesheetDisputed = { type: 'TimesheetDisputed'; data: { placementId: string; at: Instant; reason: string; by: string } };
export type PlacementSettled = { type: 'PlacementSettled'; data: { placementId: string; at: Instant; settlementId: string } };
export type WorkerRated = { type: 'WorkerRated'; data: { placementId: string; workerId: string; at: Instant; stars: number; comment: string | null } };

export type PlacementEvent =
  | WorkerInvited
  | WorkerPlaced
  | PlacementApproved
  | PlacementRejected
  | PlacementExpired
  | InvitationDeclined
  | InvitationExpired
  | PlacementCancelled
  | WorkerCheckedIn
  | WorkerCheckedOut
  | PlacementNoShow
  | TimesheetApproved
  | TimesheetDisputed
  | PlacementSettled
  | WorkerRated;
