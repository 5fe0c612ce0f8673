import type { Caller } from '@blue-ocean/api';
import type { CancelledBy, JobRole } from '../domain/events';

export interface PostShiftFields {
  siteId: string;
  role: JobRole;
  title: string;
  description?: string | null;
  startsAt: Date;
  endsAt: Date;
  unpaidBreakMinutes?: number | null;
  slots: number;
  hourlyRate: string;
  currency?: string | null;
  requiresGreenCode?: boolean | null;
}

export class PostShift {
  constructor(readonly caller: Caller, readonly input: PostShiftFields) {}
}

export class CancelShift {
  constructor(readonly caller: Caller, readonly shiftId: string, readonly reason: string) {}
}

/** acceptShift: the calling worker takes a slot. */
export class AcceptShift {
  constructor(readonly caller: Caller, readonly shiftId: string) {}
}

export class InviteWorker {
  constructor(readonly caller: Caller, readonly shiftId: string, readonly workerId: string) {}
}

export class RespondToInvitation {
  constructor(readonly caller: Caller, readonly placementId: string, readonly accept: boolean) {}
}

export class DecidePlacement {
  constructor(readonly caller: Caller, readonly placementId: string, readonly approve: boolean, readonly reason: string | null) {}
}

export class CancelPlacement {
  constructor(readonly caller: Caller, readonly placementId: string, readonly reason: string, readonly by?: CancelledBy) {}
}

/** From a timer: an invitation or a lender's decision that is overdue. */
export class ExpirePlacement {
  constructor(readonly placementId: string) {}
}
