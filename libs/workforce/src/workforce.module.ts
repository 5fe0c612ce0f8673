import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { OrganizationsModule } from '@blue-ocean/organizations';
import { ClaimWorkerProfileHandler, EnrollWorkerHandler } from './application/enrolment.handlers';
import { AttestHealthHandler, DeclareHealthHandler } from './application/health.handlers';
import { LenderMembers } from './application/lender-members';
import { OfferWorkerHandler, WithdrawLendingOfferHandler } from './application/lending.handlers';
import { LendingOffers } from './application/lending-offers.query';
import { WorkerChanges } from './application/worker-changes';
import { WorkerLending } from './application/lending-facts';
import { WorkerHealth } from './application/worker-health.query';
import { Workers } from './application/workers.query';
import { HealthResolver } from './graphql/health.resolver';
import { LendingOfferResolver } from './graphql/lending-offer.resolver';
import { UserWorkerResolver } from './graphql/user-worker.resolver';
import { WorkerResolver } from './graphql/worker.resolver';

/** Workers, claim codes, health codes and lending offers. */
@Module({
  imports: [CqrsModule, OrganizationsModule],
  providers: [
    Workers,
    WorkerHealth,
    LendingOffers,
    LenderMembers,
    WorkerChanges,
    WorkerLending,
    EnrollWorkerHandler,
    ClaimWorkerProfileHandler,
    DeclareHealthHandler,
    AttestHealthHandler,
    OfferWorkerHandler,
    WithdrawLendingOfferHandler,
    WorkerResolver,
    HealthResolver,
    LendingOfferResolver,
    UserWorkerResolver,
  ],
  exports: [Workers, WorkerHealth, LendingOffers, WorkerLending],
})
export class WorkforceModule {}
