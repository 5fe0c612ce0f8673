import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@blue-ocean/kernel';
import { emptyHealthRecord, type HealthCode, type HealthRecord, type HealthStatus, healthStatus } from '../domain/health-code';
import { HealthFactRow, type WorkerRow } from '../projections/worker.entities';

/** A worker's health code, computed when asked: the same facts give another code on another day. */
@Injectable()
export class WorkerHealth {
  constructor(
    private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async of(worker: Pick<WorkerRow, 'id' | 'createdAt' | 'employerTimeZone'>): Promise<HealthStatus> {
    const facts = await this.db.getRepository(HealthFactRow).find({ where: { workerId: worker.id }, order: { revision: 'ASC' } });
    return healthStatus(toHealthRecord(worker.createdAt, facts), this.clock.now(), worker.employerTimeZone);
  }
}

function toHealthRecord(enrolledAt: Date, facts: HealthFactRow[]): HealthRecord {
  const record = emptyHealthRecord(enrolledAt.toISOString());
  for (const fact of facts) {
    const at = fact.at.toISOString();
    switch (fact.kind) {
      case 'DECLARATION':
        record.declarations.push({ date: fact.declaredDate!, clean: fact.clean!, at });
        break;
      case 'ATTESTATION':
        record.attestations.push({ code: fact.code as HealthCode, validUntil: fact.validUntil!.toISOString(), at });
        break;
      case 'SCREENING':
        record.screenings.push({ redUntil: fact.validUntil!.toISOString(), at });
        break;
    }
  }
  return record;
}
