import { Module, OnModuleInit } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { OrganizationsModule } from '@blue-ocean/organizations';
import { TimerRunner } from '@blue-ocean/persistence';
import { WorkforceModule } from '@blue-ocean/workforce';
import { BookingService } from './application/booking.service';
import { ExpirePlacement } from './application/marketplace-commands';
import { Parties } from './application/parties';
import { PlacementChanges } from './application/placement-changes';
import {
  AcceptShiftHandler,
  CancelPlacementHandler,
  DecidePlacementHandler,
  ExpirePlacementHandler,
  InviteWorkerHandler,
  RespondToInvitationHandler,
} from './application/placement.handlers';
import { Placements } from './application/placements.query';
import { CancelShiftHandler, PostShiftHandler } from './application/posting.handlers';
import { ShiftPostings } from './application/shift-postings.query';
import { PlacementResolver } from './graphql/placement.resolver';
import { ShiftResolver } from './graphql/shift.resolver';
import { WorkerPlacementsResolver } from './graphql/worker-placements.resolver';
import { PLACEMENT_EXPIRY } from './projections/marketplace.projection';
import { MarketSearch } from './search/search.query';
import { SearchResolver } from './search/search.resolver';

export { searchProjection } from './search/search.projection';

/** Shift postings, booking, invitations, lender approval, cancellation. */
@Module({
  imports: [CqrsModule, OrganizationsModule, WorkforceModule],
  providers: [
    Parties,
    ShiftPostings,
    Placements,
    PlacementChanges,
    BookingService,
    PostShiftHandler,
    CancelShiftHandler,
    AcceptShiftHandler,
    InviteWorkerHandler,
    RespondToInvitationHandler,
    DecidePlacementHandler,
    CancelPlacementHandler,
    ExpirePlacementHandler,
    ShiftResolver,
    PlacementResolver,
    WorkerPlacementsResolver,
    MarketSearch,
    SearchResolver,
  ],
  exports: [ShiftPostings, Placements, Parties, PlacementChanges],
})
export class MarketplaceModule implements OnModuleInit {
  constructor(
    private readonly timers: TimerRunner,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.timers.on(PLACEMENT_EXPIRY, (placementId) => this.commands.execute(new ExpirePlacement(placementId)));
  }
}
