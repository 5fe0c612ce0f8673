import { reliability } from './check-in';

/** What a placement says about the worker's record, as the placements read model keeps it. */
export interface PlacementOutcome {
  status: string;
  checkInAt: Date | null;
  cancelledBy: string | null;
  cancellationLate: boolean | null;
  /** The status the placement was cancelled from; null on rows projected before it was kept. */
  cancelledFromStatus: string | null;
  ratingStars: number | null;
}

export type OutcomeKind = 'ATTENDED' | 'NO_SHOW' | 'LATE_CANCELLATION';

export interface TrackRecord {
  attended: number;
  noShows: number;
  lateCancellations: number;
  /** attended ÷ (attended + no-shows + late cancellations by the worker or the lender); 1.0 with no history. */
  reliability: number;
  /** Mean stars of the ratings; null until rated. */
  rating: number | null;
  ratings: number;
}

/**
 * How a placement counts towards reliability, or null when it does not count:
 * - attended: the worker checked in (whatever happened after: checked out, approved, settled…);
 * - a no-show;
 * - a late cancellation by the worker or the lender ("lowers the worker's reliability as a no-show
 *   does"), of a placement the worker had taken (PENDING_LENDER or CONFIRMED): an invitation the
 *   worker never accepted was no commitment, so cancelling it late does not count.
 * Retailer and platform cancellations never count against the worker.
 */
export function outcomeOf(placement: PlacementOutcome): OutcomeKind | null {
  if (placement.checkInAt !== null) return 'ATTENDED';
  if (placement.status === 'NO_SHOW') return 'NO_SHOW';
  if (
    placement.status === 'CANCELLED' &&
    placement.cancellationLate === true &&
    (placement.cancelledBy === 'WORKER' || placement.cancelledBy === 'LENDER') &&
    placement.cancelledFromStatus !== 'INVITED'
  ) {
    return 'LATE_CANCELLATION';
  }
  return null;
}

export function trackRecord(placements: readonly PlacementOutcome[]): TrackRecord {
  let attended = 0;
  let noShows = 0;
  let lateCancellations = 0;
  let stars = 0;
  let ratings = 0;
  for (const placement of placements) {
    const outcome = outcomeOf(placement);
    if (outcome === 'ATTENDED') attended++;
    else if (outcome === 'NO_SHOW') noShows++;
    else if (outcome === 'LATE_CANCELLATION') lateCancellations++;
    if (placement.ratingStars !== null) {
      stars += placement.ratingStars;
      ratings++;
    }
  }
  return {
    attended,
    noShows,
    lateCancellations,
    reliability: reliability(attended, noShows, lateCancellations),
    rating: ratings === 0 ? null : stars / ratings,
    ratings,
  };
}
