import type { Caller } from '@blue-ocean/api';
import type { CancelledBy } from '../domain/events';
import type { PostShift as PostShiftCommand } from '../domain/shift-posting.decider';

/** What the retailer sends; the handler adds the ids, the retailer's verification, the site's zone and the time. */
export type PostShiftFields = Omit<PostShiftCommand, 'type' | 'shiftId' | 'retailerId' | 'retailerVerified' | 'siteTimeZone' | 'at'>;

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
