import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK, DomainError, Forbidden, newId } from '@blue-ocean/kernel';
import { Organizations } from '@blue-ocean/organizations';
import { DecisionRunner, ProjectionRunner } from '@blue-ocean/persistence';
import { WorkerLending } from '@blue-ocean/workforce';
import { decideInvitation } from '../domain/invitation';
import { placement, PlacementState } from '../domain/placement.decider';
import { ShiftPostingState } from '../domain/shift-posting.decider';
import { placementStream } from '../domain/streams';
import { BookingService } from './booking.service';
import {
  AcceptShift,
  CancelPlacement,
  DecidePlacement,
  ExpirePlacement,
  InviteWorker,
  RespondToInvitation,
} from './marketplace-commands';
import { Parties } from './parties';
import { PlacementChanges } from './placement-changes';
import { Placements } from './placements.query';

@CommandHandler(AcceptShift)
export class AcceptShiftHandler implements ICommandHandler<AcceptShift, string> {
  constructor(
    private readonly bookings: BookingService,
    private readonly parties: Parties,
  ) {}

  /** Returns the new placement's id. */
  async execute({ caller, shiftId }: AcceptShift): Promise<string> {
    await this.bookings.postedShift(shiftId); // NOT_FOUND comes before FORBIDDEN
    const { workerId } = await this.parties.requireWorker(caller);
    const placementId = newId();
    await this.bookings.book({ placementId, shiftId, workerId, actor: caller.userId, via: 'ACCEPT' });
    return placementId;
  }
}

@CommandHandler(InviteWorker)
export class InviteWorkerHandler implements ICommandHandler<InviteWorker, string> {
  constructor(
    private readonly decisions: DecisionRunner,
    private readonly projections: ProjectionRunner,
    private readonly bookings: BookingService,
    private readonly organizations: Organizations,
    private readonly lending: WorkerLending,
    private readonly placements: Placements,
    private readonly parties: Parties,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** An INVITED placement that holds no slot and expires at startsAt; returns its id. */
  async execute({ caller, shiftId, workerId }: InviteWorker): Promise<string> {
    const shift = await this.bookings.postedShift(shiftId);
    await this.parties.requireRetailerMember(caller, shift.retailerId);
    if (await this.placements.liveFor(shiftId, workerId)) {
      throw new DomainError('ALREADY_EXISTS', 'This worker already has a live placement or invitation on this shift.');
    }
    const at = this.clock.now();
    const site = await this.organizations.site(shift.siteId);
    const facts = await this.lending.factsFor(workerId, { ...shift, site: { lat: site.lat, lng: site.lng } }, at);
    const placementId = newId();
    const { position } = await this.decisions.decide<PlacementState>(
      { streamId: placementStream(placementId), decider: placement, isNew: true },
      (state) =>
        decideInvitation({
          posting: shift as ShiftPostingState,
          placement: state,
          command: { placementId, workerId, lenderId: facts.lenderId, at },
          facts,
        }).placement,
      { actor: caller.userId, at },
    );
    await this.projections.passed(position);
    return placementId;
  }
}

@CommandHandler(RespondToInvitation)
export class RespondToInvitationHandler implements ICommandHandler<RespondToInvitation> {
  constructor(
    private readonly bookings: BookingService,
    private readonly changes: PlacementChanges,
    private readonly parties: Parties,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Accepting applies every check of acceptShift; declining makes it DECLINED. */
  async execute({ caller, placementId, accept }: RespondToInvitation): Promise<void> {
    const current = await this.changes.current(placementId);
    const side = await this.parties.requireSide(caller, current);
    if (side !== 'WORKER') throw new Forbidden('Only the invited worker may answer an invitation.');
    if (accept) {
      await this.bookings.book({ placementId, shiftId: current.shiftId, workerId: current.workerId, actor: caller.userId, via: 'INVITATION' });
      return;
    }
    const at = this.clock.now();
    await this.changes.change(placementId, (state) => placement.decide({ type: 'DeclineInvitation', at }, state), { actor: caller.userId, at });
  }
}

@CommandHandler(DecidePlacement)
export class DecidePlacementHandler implements ICommandHandler<DecidePlacement> {
  constructor(
    private readonly changes: PlacementChanges,
    private readonly parties: Parties,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The lender confirms (approve) or rejects, which frees the slot. */
  async execute({ caller, placementId, approve, reason }: DecidePlacement): Promise<void> {
    const current = await this.changes.current(placementId);
    const side = await this.parties.requireSide(caller, current);
    if (side !== 'LENDER') throw new Forbidden("Only the lender's members decide a placement.");
    const at = this.clock.now();
    await this.changes.change(placementId, (state) => placement.decide({ type: 'DecidePlacement', approve, reason, at }, state), {
      actor: caller.userId,
      at,
    });
  }
}

@CommandHandler(CancelPlacement)
export class CancelPlacementHandler implements ICommandHandler<CancelPlacement> {
  constructor(
    private readonly changes: PlacementChanges,
    private readonly parties: Parties,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** By the worker, the lender's or the retailer's members: the cancellation records which. */
  async execute({ caller, placementId, reason }: CancelPlacement): Promise<void> {
    const current = await this.changes.current(placementId);
    const by = await this.parties.requireSide(caller, current);
    const at = this.clock.now();
    await this.changes.change(placementId, (state) => placement.decide({ type: 'CancelPlacement', by, reason, at }, state), {
      actor: caller.userId,
      at,
    });
  }
}

@CommandHandler(ExpirePlacement)
export class ExpirePlacementHandler implements ICommandHandler<ExpirePlacement> {
  constructor(
    private readonly changes: PlacementChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ placementId }: ExpirePlacement): Promise<void> {
    const at = this.clock.now();
    await this.changes.change(placementId, (state) => placement.decide({ type: 'ExpirePlacement', at }, state), { actor: null, at });
  }
}
