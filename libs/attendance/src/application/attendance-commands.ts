import type { Caller } from '@blue-ocean/api';
import type { GeoPoint } from '@blue-ocean/kernel';

export class CheckIn {
  constructor(
    readonly caller: Caller,
    readonly placementId: string,
    readonly location: GeoPoint,
    readonly temperatureCelsius: number,
  ) {}
}

export class CheckOut {
  constructor(
    readonly caller: Caller,
    readonly placementId: string,
    readonly location: GeoPoint,
  ) {}
}

/** From a timer 30 minutes after the start: a CONFIRMED placement without a check-in becomes NO_SHOW. */
export class MarkNoShow {
  constructor(readonly placementId: string) {}
}

export class RateWorker {
  constructor(
    readonly caller: Caller,
    readonly placementId: string,
    readonly stars: number,
    readonly comment: string | null,
  ) {}
}
