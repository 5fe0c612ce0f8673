import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@blue-ocean/api';
import { CLOCK, type Clock, Forbidden, NotFound } from '@blue-ocean/kernel';
import { Parties, PlacementChanges, placementDomain, ShiftPostings } from '@blue-ocean/marketplace';
import { Organizations } from '@blue-ocean/organizations';
import { WorkerLending } from '@blue-ocean/workforce';
import { assertCanCheckIn, CheckInAttempt, checkInRefusal } from '../domain/check-in';
import { workedMinutes } from '../domain/worked-minutes';
import { CheckIn, CheckOut, MarkNoShow, RateWorker } from './attendance-commands';
import { Screenings } from './screenings';

const { placement } = placementDomain;
type PlacementRecord = placementDomain.PlacementRecord;

/** Who may act on a placement's attendance (API-RULES.md "Who may do what"). */
@Injectable()
export class AttendanceParties {
  constructor(
    private readonly parties: Parties,
    private readonly organizations: Organizations,
  ) {}

  /** The placement's worker; FORBIDDEN for others who may see it, NOT_FOUND for the rest. */
  async requireWorker(caller: Caller, current: PlacementRecord): Promise<void> {
    const side = await this.parties.sideOf(caller, current);
    if (side === 'WORKER') return;
    if (side || caller.isPlatformAdmin) throw new Forbidden('Only the placement\'s worker may do this.');
    throw new NotFound('Placement');
  }

  /** A member of the placement's retailer; FORBIDDEN for others who may see it, NOT_FOUND for the rest. */
  async requireRetailerMember(caller: Caller, current: PlacementRecord): Promise<void> {
    if (await this.organizations.roleOf(caller.userId, current.retailerId)) return;
    if (caller.isPlatformAdmin || (await this.parties.sideOf(caller, current))) {
      throw new Forbidden("Only the retailer's members may do this.");
    }
    throw new NotFound('Placement');
  }
}

@CommandHandler(CheckIn)
export class CheckInHandler implements ICommandHandler<CheckIn> {
  constructor(
    private readonly changes: PlacementChanges,
    private readonly attendanceParties: AttendanceParties,
    private readonly postings: ShiftPostings,
    private readonly organizations: Organizations,
    private readonly lending: WorkerLending,
    private readonly screenings: Screenings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The rules of API-RULES.md in their order (window, geofence, fever, green code), then the
   * placement must be CONFIRMED. Every refusal writes nothing but a fever's, which records the
   * screening on the worker's stream (never on the placement's) before refusing.
   */
  async execute({ caller, placementId, location, temperatureCelsius }: CheckIn): Promise<void> {
    const current = await this.changes.current(placementId);
    await this.attendanceParties.requireWorker(caller, current);
    const at = this.clock.now();
    const [posting, site] = await Promise.all([this.postings.byId(current.shiftId), this.organizations.site(current.siteId)]);
    const { healthCode } = await this.lending.factsFor(current.workerId, { ...current, site: { lat: site.lat, lng: site.lng } }, at);
    const attempt: CheckInAttempt = {
      at,
      location,
      temperatureCelsius,
      healthCode,
      shift: { startsAt: new Date(current.startsAt), endsAt: new Date(current.endsAt), requiresGreenCode: posting.requiresGreenCode },
      site: { location: { lat: site.lat, lng: site.lng }, checkInRadiusMeters: site.checkInRadiusMeters },
    };
    if (checkInRefusal(attempt) === 'FEVER') {
      await this.screenings.record({ workerId: current.workerId, placementId, temperatureCelsius, actor: caller.userId, at });
    }
    assertCanCheckIn(attempt);
    await this.changes.change(
      placementId,
      (state) => placement.decide({ type: 'CheckIn', at, location: { lat: location.lat, lng: location.lng }, temperatureCelsius }, state),
      { actor: caller.userId, at },
    );
  }
}

@CommandHandler(CheckOut)
export class CheckOutHandler implements ICommandHandler<CheckOut> {
  constructor(
    private readonly changes: PlacementChanges,
    private readonly attendanceParties: AttendanceParties,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The location is recorded but not checked: no geofence rule is specified for check-out, and
   * refusing would keep a worker who had to leave checked in (and paid) until they came back.
   * The worker's schedule is freed; the slot stays taken.
   */
  async execute({ caller, placementId, location }: CheckOut): Promise<void> {
    const current = await this.changes.current(placementId);
    await this.attendanceParties.requireWorker(caller, current);
    const at = this.clock.now();
    await this.changes.change(
      placementId,
      (state) =>
        placement.decide(
          {
            type: 'CheckOut',
            at,
            location: { lat: location.lat, lng: location.lng },
            workedMinutes: state.checkInAt
              ? workedMinutes({
                  startsAt: new Date(state.startsAt),
                  checkInAt: new Date(state.checkInAt),
                  checkOutAt: at,
                  unpaidBreakMinutes: state.unpaidBreakMinutes,
                })
              : 0,
          },
          state,
        ),
      { actor: caller.userId, at },
    );
  }
}

@CommandHandler(MarkNoShow)
export class MarkNoShowHandler implements ICommandHandler<MarkNoShow> {
  constructor(
    private readonly changes: PlacementChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A no-op unless the placement is still CONFIRMED 30 minutes after the start; frees the slot and the schedule. */
  async execute({ placementId }: MarkNoShow): Promise<void> {
    const at = this.clock.now();
    await this.changes.change(placementId, (state) => placement.decide({ type: 'MarkNoShow', at }, state), { actor: null, at });
  }
}

@CommandHandler(RateWorker)
export class RateWorkerHandler implements ICommandHandler<RateWorker> {
  constructor(
    private readonly changes: PlacementChanges,
    private readonly attendanceParties: AttendanceParties,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One rating per placement, after the shift (checked out or later). */
  async execute({ caller, placementId, stars, comment }: RateWorker): Promise<void> {
    const current = await this.changes.current(placementId);
    await this.attendanceParties.requireRetailerMember(caller, current);
    const at = this.clock.now();
    await this.changes.change(placementId, (state) => placement.decide({ type: 'RateWorker', at, stars, comment }, state), {
      actor: caller.userId,
      at,
    });
  }
}
