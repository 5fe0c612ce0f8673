import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { Caller, CurrentCaller } from '@blue-ocean/api';
import { IdempotencyStore } from '@blue-ocean/persistence';
import { LendingOffers } from '../application/lending-offers.query';
import { Workers } from '../application/workers.query';
import { OfferWorker, WithdrawLendingOffer } from '../application/workforce-commands';
import { LendingOfferType } from './lending-offer.types';
import { toLendingOffer, toWorker } from './mapping';
import { OfferWorkerInput } from './workforce.inputs';
import { WorkerType } from './worker.types';

@Resolver(() => LendingOfferType)
export class LendingOfferResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly offers: LendingOffers,
    private readonly workers: Workers,
    private readonly idempotency: IdempotencyStore,
  ) {}

  @Mutation(() => LendingOfferType)
  async offerWorker(@CurrentCaller() caller: Caller, @Args('input') input: OfferWorkerInput): Promise<LendingOfferType> {
    const { idempotencyKey, ...fields } = input;
    const offerId = await this.idempotency.run(caller.userId, idempotencyKey, 'offerWorker', fields, () =>
      this.commands.execute<OfferWorker, string>(new OfferWorker(caller, fields)),
    );
    return toLendingOffer(await this.offers.byId(offerId));
  }

  @Mutation(() => LendingOfferType)
  async withdrawLendingOffer(@CurrentCaller() caller: Caller, @Args('offerId', { type: () => ID }) offerId: string): Promise<LendingOfferType> {
    await this.commands.execute(new WithdrawLendingOffer(caller, offerId));
    return toLendingOffer(await this.offers.byId(offerId));
  }

  @ResolveField(() => WorkerType)
  async worker(@CurrentCaller() caller: Caller, @Parent() offer: LendingOfferType): Promise<WorkerType> {
    return toWorker(await this.workers.visibleTo(caller, offer.workerId));
  }

  @ResolveField(() => Boolean)
  active(@Parent() offer: LendingOfferType): boolean {
    return this.offers.isActive(offer);
  }
}
