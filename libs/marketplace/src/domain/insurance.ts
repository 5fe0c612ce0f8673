import { INSURANCE_COVERAGE } from './placement.decider';

/** Every placement is insured from the start; its policy number is unique because the placement id is. */
export function policyNumberFor(placementId: string): string {
  return `BO-INS-${placementId.toUpperCase()}`;
}

export { INSURANCE_COVERAGE };
