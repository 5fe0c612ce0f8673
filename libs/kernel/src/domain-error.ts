/** The business reasons a command can be refused for (API-RULES.md, "Reasons for CONFLICT"). */
export type ConflictReason =
  | 'ALREADY_EXISTS'
  | 'SHIFT_NOT_OPEN'
  | 'SHIFT_FULL'
  | 'SHIFT_STARTED'
  | 'WORKER_BUSY'
  | 'NOT_LENT'
  | 'TOO_FAR'
  | 'RATE_TOO_LOW'
  | 'HEALTH_CODE_NOT_GREEN'
  | 'WEEKLY_HOURS_EXCEEDED'
  | 'OUTSIDE_GEOFENCE'
  | 'FEVER'
  | 'CHECK_IN_WINDOW'
  | 'INVALID_TRANSITION'
  | 'SETTLEMENT_CLOSED'
  | 'IDEMPOTENCY_KEY_REUSED';

/** A business rule refused the command. Maps to CONFLICT with `extensions.reason`. */
export class DomainError extends Error {
  constructor(
    readonly reason: ConflictReason,
    message: string = reason,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Input failed validation. Maps to BAD_USER_INPUT with `extensions.field`. */
export class InvalidInput extends Error {
  constructor(
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidInput';
  }
}

/** The caller may not do this to this object. Maps to FORBIDDEN. */
export class Forbidden extends Error {
  constructor(message = 'You are not allowed to do this.') {
    super(message);
    this.name = 'Forbidden';
  }
}

/** No such object, or one the caller may not see. Maps to NOT_FOUND. */
export class NotFound extends Error {
  constructor(what: string) {
    super(`${what} not found.`);
    this.name = 'NotFound';
  }
}

/** No valid credentials. Maps to UNAUTHENTICATED. */
export class Unauthenticated extends Error {
  constructor(message = 'Please sign in.') {
    super(message);
    this.name = 'Unauthenticated';
  }
}

/** Too many attempts from one address. Maps to RATE_LIMITED. */
export class RateLimited extends Error {
  constructor(message = 'Too many attempts; try again in a minute.') {
    super(message);
    this.name = 'RateLimited';
  }
}
