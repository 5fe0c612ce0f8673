import { Decider, DomainError } from '@blue-ocean/kernel';
import type { EmailEvent, UserEvent } from './events';

export interface SignUp {
  type: 'SignUp';
  userId: string;
  email: string;
  displayName: string;
  passwordHash: string;
}

export type UserState = { status: 'none' } | { status: 'active'; userId: string; email: string };

export const user: Decider<SignUp, UserEvent, UserState> = {
  initialState: () => ({ status: 'none' }),
  decide(command, state) {
    if (state.status !== 'none') throw new DomainError('ALREADY_EXISTS', 'This user already exists.');
    const { userId, email, displayName, passwordHash } = command;
    return [{ type: 'UserSignedUp', data: { userId, email, displayName, passwordHash } }];
  },
  evolve(_state, event) {
    return { status: 'active', userId: event.data.userId, email: event.data.email };
  },
};

export type EmailState = { claimedBy: string | null };

export const emailReservation: Decider<{ type: 'ClaimEmail'; email: string; userId: string }, EmailEvent, EmailState> = {
  initialState: () => ({ claimedBy: null }),
  decide(command, state) {
    if (state.claimedBy) throw new DomainError('ALREADY_EXISTS', 'An account with this e-mail already exists.');
    return [{ type: 'EmailClaimed', data: { email: command.email, userId: command.userId } }];
  },
  evolve(_state, event) {
    return { claimedBy: event.data.userId };
  },
};

/** E-mail addresses compare without case or surrounding spaces. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
