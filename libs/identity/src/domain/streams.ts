import { createHash } from 'node:crypto';

export const userStream = (userId: string) => `user-${userId}`;
/** Hashed so the address itself does not become a stream name. */
export const emailStream = (email: string) => `email-${createHash('sha256').update(email).digest('hex')}`;
