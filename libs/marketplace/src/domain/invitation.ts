import { PlacementEvent } from './events';
import { assertCovered, Coverage, placementTerms } from './booking';
import { placement, PlacementState } from './placement.decider';
import { assertAcceptingWorkers, ShiftPostingState } from './shift-posting.decider';

export type InvitationCommand = { placementId: string; workerId: string; lenderId: string; at: Date };

/**
 * A retailer invites a lent worker. The invitation holds no slot and expires at startsAt, so only
 * the placement stream is written; the posting is read to refuse what could never be accepted
 * (SHIFT_NOT_OPEN, SHIFT_FULL, SHIFT_STARTED, then a missing lending offer). Health, overlaps and
 * weekly hours are checked when the worker accepts.
 */
export function decideInvitation(input: {
  posting: ShiftPostingState;
  placement: PlacementState;
  command: InvitationCommand;
  facts: { coverage: Coverage };
}): { placement: PlacementEvent[] } {
  const { placementId, workerId, lenderId, at } = input.command;
  const shift = assertAcceptingWorkers(input.posting, at);
  assertCovered(input.facts.coverage);
  const terms = placementTerms(shift, { placementId, workerId, lenderId });
  return { placement: placement.decide({ type: 'InviteWorker', terms, at }, input.placement) };
}
