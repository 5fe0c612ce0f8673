import { Module, OnModuleInit } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { MarketplaceModule, NO_SHOW } from '@blue-ocean/marketplace';
import { OrganizationsModule } from '@blue-ocean/organizations';
import { TimerRunner } from '@blue-ocean/persistence';
import { WorkforceModule } from '@blue-ocean/workforce';
import { MarkNoShow } from './application/attendance-commands';
import { AttendanceParties, CheckInHandler, CheckOutHandler, MarkNoShowHandler, RateWorkerHandler } from './application/attendance.handlers';
import { CloseContacts } from './application/close-contacts.query';
import { Screenings } from './application/screenings';
import { TrackRecords } from './application/track-records.query';
import { AttendanceResolver, CloseContactResolver, WorkerTrackRecordResolver } from './graphql/attendance.resolver';

/** Check-in and check-out, no-shows, ratings, reliability, close contacts. */
@Module({
  imports: [CqrsModule, OrganizationsModule, WorkforceModule, MarketplaceModule],
  providers: [
    AttendanceParties,
    Screenings,
    TrackRecords,
    CloseContacts,
    CheckInHandler,
    CheckOutHandler,
    MarkNoShowHandler,
    RateWorkerHandler,
    AttendanceResolver,
    CloseContactResolver,
    WorkerTrackRecordResolver,
  ],
  exports: [TrackRecords],
})
export class AttendanceModule implements OnModuleInit {
  constructor(
    private readonly timers: TimerRunner,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.timers.on(NO_SHOW, (placementId) => this.commands.execute(new MarkNoShow(placementId)));
  }
}
