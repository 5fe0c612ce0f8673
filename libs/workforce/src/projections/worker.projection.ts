import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@blue-ocean/event-store';
import type { Projection } from '@blue-ocean/persistence';
import type { WorkerEvent } from '../domain/events';
import { HealthFactRow, LendingOfferRow, WorkerRow } from './worker.entities';

export const workerProjection: Projection = {
  name: 'workforce',
  tables: ['worker_health_facts', 'lending_offers', 'workers'],
  async apply(recorded: RecordedEvent, db: EntityManager) {
    const event = recorded as unknown as WorkerEvent;
    switch (event.type) {
      case 'WorkerEnrolled': {
        const { workerId, employerId, fullName, skills, homeLocation, maxHoursPerWeek, employerTimeZone, claimCodeHash, at } = event.data;
        await db.insert(WorkerRow, {
          id: workerId,
          employerId,
          fullName,
          skills,
          homeLat: homeLocation.lat,
          homeLng: homeLocation.lng,
          maxHoursPerWeek,
          employerTimeZone,
          claimCodeHash,
          userId: null,
          createdAt: new Date(at),
        });
        return;
      }
      case 'WorkerProfileClaimed':
        await db.update(WorkerRow, { id: event.data.workerId }, { userId: event.data.userId });
        return;
      case 'HealthDeclared':
        await db.insert(HealthFactRow, { ...factOf(recorded, event.data), kind: 'DECLARATION', declaredDate: event.data.date, clean: event.data.clean });
        return;
      case 'HealthAttested':
        await db.insert(HealthFactRow, { ...factOf(recorded, event.data), kind: 'ATTESTATION', code: event.data.code, validUntil: new Date(event.data.validUntil) });
        return;
      case 'ScreeningFailed':
        await db.insert(HealthFactRow, { ...factOf(recorded, event.data), kind: 'SCREENING', validUntil: new Date(event.data.redUntil) });
        return;
      case 'LendingOfferMade': {
        const { offerId, workerId, availableFrom, availableUntil, roles, minHourlyRate, maxTravelKm, autoApprove, at } = event.data;
        await db.insert(LendingOfferRow, {
          id: offerId,
          workerId,
          availableFrom: new Date(availableFrom),
          availableUntil: new Date(availableUntil),
          roles,
          minHourlyRate,
          maxTravelKm,
          autoApprove,
          offeredAt: new Date(at),
          withdrawnAt: null,
        });
        return;
      }
      case 'LendingOfferWithdrawn':
        await db.update(LendingOfferRow, { id: event.data.offerId }, { withdrawnAt: new Date(event.data.at) });
        return;
    }
  },
};

/** A health fact is kept with its place in the worker's stream, which orders facts of the same instant. */
function factOf(recorded: RecordedEvent, data: { workerId: string; at: string }) {
  return { workerId: data.workerId, revision: String(recorded.revision), at: new Date(data.at) };
}
