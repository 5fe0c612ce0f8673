import { type Decider, DomainError } from '@blue-ocean/kernel';

/** The user's claimant stream: which worker profile the user holds. */
export type ClaimantEvent = { type: 'WorkerProfileHeld'; data: { userId: string; workerId: string; at: string } };

export interface HoldProfile {
  type: 'HoldProfile';
  userId: string;
  workerId: string;
  at: string;
}

/** A user holds at most one worker profile; claiming the same one again changes nothing. */
export const claimant: Decider<HoldProfile, ClaimantEvent, { workerId: string | null }> = {
  initialState: () => ({ workerId: null }),
  decide(command, state) {
    if (state.workerId === command.workerId) return [];
    if (state.workerId !== null) throw new DomainError('ALREADY_EXISTS', 'You already hold a worker profile.');
    const { userId, workerId, at } = command;
    return [{ type: 'WorkerProfileHeld', data: { userId, workerId, at } }];
  },
  evolve(_state, event) {
    return { workerId: event.data.workerId };
  },
};
