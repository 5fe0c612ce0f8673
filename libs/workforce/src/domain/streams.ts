export const workerStream = (workerId: string) => `worker-${workerId}`;
/** One per user: guards "a user holds at most one worker profile" under races. */
export const claimantStream = (userId: string) => `worker-claimant-${userId}`;

/** Payload fields that never leave the server, not even in `history`. */
export const WORKER_SECRETS = ['claimCodeHash'] as const;
