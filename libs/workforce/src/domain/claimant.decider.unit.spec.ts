import { given } from '../../../../test/support/given';
import { claimant, type ClaimantEvent, type HoldProfile } from './claimant.decider';

const AT = '2026-03-02T02:00:00.000Z';
const hold = (workerId: string): HoldProfile => ({ type: 'HoldProfile', userId: 'user-1', workerId, at: AT });
const held = (workerId: string): ClaimantEvent => ({ type: 'WorkerProfileHeld', data: { userId: 'user-1', workerId, at: AT } });

describe('claimant', () => {
  test('a user without a profile holds the one they claim', () => {
    given(claimant, []).when(hold('worker-1')).then([held('worker-1')]);
  });

  test('claiming the same profile again changes nothing', () => {
    given(claimant, [held('worker-1')]).when(hold('worker-1')).then([]);
  });

  test('a second profile is ALREADY_EXISTS', () => {
    given(claimant, [held('worker-1')]).when(hold('worker-2')).thenRefuses('ALREADY_EXISTS');
  });
});
