import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { CLOCK, type Clock, isUuid, NotFound } from '@blue-ocean/kernel';
import { LendingOfferRow } from '../projections/worker.entities';

/** Reads of lending offers. Whether one is active depends on the time, so it is decided when asked. */
@Injectable()
export class LendingOffers {
  constructor(
    private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async byId(id: string): Promise<LendingOfferRow> {
    const row = isUuid(id) ? await this.db.getRepository(LendingOfferRow).findOneBy({ id }) : null;
    if (!row) throw new NotFound('Lending offer');
    return row;
  }

  /** The worker's offers, oldest first; `activeOnly` keeps those not withdrawn whose window has not ended. */
  ofWorker(workerId: string, activeOnly: boolean): Promise<LendingOfferRow[]> {
    const active = { withdrawnAt: IsNull(), availableUntil: MoreThan(this.clock.now()) };
    return this.db.getRepository(LendingOfferRow).find({
      where: { workerId, ...(activeOnly ? active : {}) },
      order: { offeredAt: 'ASC', id: 'ASC' },
    });
  }

  /** The same rule as the domain's `activeOffers`. */
  isActive(offer: Pick<LendingOfferRow, 'withdrawnAt' | 'availableUntil'>): boolean {
    return offer.withdrawnAt === null && offer.availableUntil.getTime() > this.clock.now().getTime();
  }
}
