import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { Caller, CurrentCaller, DomainEventType, encodeCursor } from '@blue-ocean/api';
import { Organizations, OrganizationType, toOrganization } from '@blue-ocean/organizations';
import { IdempotencyStore } from '@blue-ocean/persistence';
import { LendingOffers } from '../application/lending-offers.query';
import { WorkerHealth } from '../application/worker-health.query';
import { Workers } from '../application/workers.query';
import { ClaimWorkerProfile, EnrollWorker, type Enrolment } from '../application/workforce-commands';
import { LendingOfferType } from './lending-offer.types';
import { toHealthStatus, toLendingOffer, toWorker } from './mapping';
import { EnrollWorkerInput } from './workforce.inputs';
import { EnrollWorkerPayload, HealthStatusType, WorkerConnection, WorkerType } from './worker.types';

@Resolver(() => WorkerType)
export class WorkerResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly roster: Workers,
    private readonly healthCodes: WorkerHealth,
    private readonly offers: LendingOffers,
    private readonly organizations: Organizations,
    private readonly idempotency: IdempotencyStore,
  ) {}

  @Query(() => WorkerType, { nullable: true })
  async worker(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<WorkerType> {
    return toWorker(await this.roster.visibleTo(caller, id));
  }

  @Query(() => WorkerConnection, { description: 'Workers employed by a lender (lender members only).' })
  async workers(
    @CurrentCaller() caller: Caller,
    @Args('employerId', { type: () => ID }) employerId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<WorkerConnection> {
    const page = await this.roster.employedBy(caller, employerId, first, after);
    return {
      edges: page.rows.map((row) => ({ node: toWorker(row), cursor: encodeCursor(row) })),
      pageInfo: page.pageInfo,
      totalCount: page.totalCount,
    };
  }

  @Mutation(() => EnrollWorkerPayload)
  async enrollWorker(@CurrentCaller() caller: Caller, @Args('input') input: EnrollWorkerInput): Promise<EnrollWorkerPayload> {
    const { idempotencyKey, ...fields } = input;
    // A repeat must return the first call's claim code, so the idempotency record keeps it
    // (for the key's retention only); the worker's stream keeps only its hash.
    const { workerId, claimCode } = await this.idempotency.run(caller.userId, idempotencyKey, 'enrollWorker', fields, () =>
      this.commands.execute<EnrollWorker, Enrolment>(new EnrollWorker(caller, fields)),
    );
    return { worker: toWorker(await this.roster.byId(workerId)), claimCode };
  }

  @Mutation(() => WorkerType)
  async claimWorkerProfile(@CurrentCaller() caller: Caller, @Args('claimCode') claimCode: string): Promise<WorkerType> {
    const workerId = await this.commands.execute<ClaimWorkerProfile, string>(new ClaimWorkerProfile(caller, claimCode));
    return toWorker(await this.roster.byId(workerId));
  }

  /** Whoever may see the worker may see its employer, even one not yet verified. */
  @ResolveField(() => OrganizationType)
  async employer(@Parent() worker: WorkerType): Promise<OrganizationType> {
    return toOrganization(await this.organizations.byId(worker.employerId));
  }

  @ResolveField(() => HealthStatusType)
  async health(@Parent() worker: WorkerType): Promise<HealthStatusType> {
    return toHealthStatus(await this.healthCodes.of(worker));
  }

  @ResolveField(() => [LendingOfferType])
  async lendingOffers(
    @Parent() worker: WorkerType,
    @Args('activeOnly', { type: () => Boolean, nullable: true, defaultValue: true }) activeOnly: boolean | null,
  ): Promise<LendingOfferType[]> {
    return (await this.offers.ofWorker(worker.id, activeOnly ?? true)).map(toLendingOffer);
  }

  @ResolveField(() => [DomainEventType], { description: "the worker's own event stream, oldest first" })
  history(@Parent() worker: WorkerType): Promise<DomainEventType[]> {
    return this.roster.history(worker.id);
  }
}
