import { Decider, DomainError, fold } from '@blue-ocean/kernel';

/**
 * given/when/then for deciders:
 *   given(placement, [placementConfirmed]).when(checkIn(...)).then([workerCheckedIn])
 *   given(placement, []).when(checkIn(...)).thenRefuses('INVALID_TRANSITION')
 */
export function given<C, E, S>(decider: Decider<C, E, S>, history: E[]) {
  const state = fold(decider, history);
  return {
    when(command: C) {
      return {
        then(expected: E[]) {
          expect(decider.decide(command, state)).toEqual(expected);
        },
        thenRefuses(reason: DomainError['reason']) {
          let caught: unknown;
          try {
            decider.decide(command, state);
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(DomainError);
          expect((caught as DomainError).reason).toBe(reason);
        },
        /** The events decided, for assertions the exact list cannot express. */
        events(): E[] {
          return decider.decide(command, state);
        },
      };
    },
    state,
  };
}
