import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, newId } from '@blue-ocean/kernel';
import { LenderMembers } from './lender-members';
import { LendingOffers } from './lending-offers.query';
import { WorkerChanges } from './worker-changes';
import { OfferWorker, WithdrawLendingOffer } from './workforce-commands';
import { Workers } from './workers.query';

@CommandHandler(OfferWorker)
export class OfferWorkerHandler implements ICommandHandler<OfferWorker, string> {
  constructor(
    private readonly workers: Workers,
    private readonly lenders: LenderMembers,
    private readonly changes: WorkerChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Returns the new offer's id. The decider refuses it while the lender is not VERIFIED. */
  async execute({ caller, input }: OfferWorker): Promise<string> {
    const target = await this.workers.visibleTo(caller, input.workerId);
    const lender = await this.lenders.require(caller, target.employerId);
    const offerId = newId();
    await this.changes.change({
      type: 'OfferWorker',
      workerId: target.id,
      at: this.clock.now().toISOString(),
      actor: caller.userId,
      offerId,
      availableFrom: input.availableFrom.toISOString(),
      availableUntil: input.availableUntil.toISOString(),
      roles: input.roles,
      minHourlyRate: input.minHourlyRate,
      maxTravelKm: input.maxTravelKm,
      autoApprove: input.autoApprove,
      lenderVerified: lender.verification === 'VERIFIED',
    });
    return offerId;
  }
}

@CommandHandler(WithdrawLendingOffer)
export class WithdrawLendingOfferHandler implements ICommandHandler<WithdrawLendingOffer> {
  constructor(
    private readonly offers: LendingOffers,
    private readonly workers: Workers,
    private readonly lenders: LenderMembers,
    private readonly changes: WorkerChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, offerId }: WithdrawLendingOffer): Promise<void> {
    const offer = await this.offers.byId(offerId);
    const target = await this.workers.visibleTo(caller, offer.workerId);
    await this.lenders.require(caller, target.employerId);
    await this.changes.change({
      type: 'WithdrawOffer',
      workerId: target.id,
      at: this.clock.now().toISOString(),
      actor: caller.userId,
      offerId: offer.id,
    });
  }
}
