import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { trackRecord, type PlacementOutcome, type TrackRecord } from '../domain/track-record';

type OutcomeRow = PlacementOutcome & { workerId: string };

/**
 * Workers' reliability and rating, from the placements read model. One query per request for
 * every worker asked about (a list of candidates asks for many).
 */
@Injectable()
export class TrackRecords {
  private readonly loaders = new WeakMap<object, DataLoader<string, TrackRecord>>();

  constructor(private readonly db: DataSource) {}

  /** The loader of one request (`context`: the GraphQL context object). */
  loaderFor(context: object): DataLoader<string, TrackRecord> {
    let loader = this.loaders.get(context);
    if (!loader) {
      loader = new DataLoader((workerIds) => this.of(workerIds));
      this.loaders.set(context, loader);
    }
    return loader;
  }

  async of(workerIds: readonly string[]): Promise<TrackRecord[]> {
    // Only the rows that count for something: attended, no-shows, cancellations, ratings.
    const rows: OutcomeRow[] = await this.db.query(
      `SELECT worker_id AS "workerId", status, check_in_at AS "checkInAt", cancelled_by AS "cancelledBy",
              cancellation_late AS "cancellationLate", cancelled_from_status AS "cancelledFromStatus", rating_stars AS "ratingStars"
         FROM placements
        WHERE worker_id = ANY($1::uuid[])
          AND (check_in_at IS NOT NULL OR status IN ('NO_SHOW', 'CANCELLED') OR rating_stars IS NOT NULL)`,
      [workerIds],
    );
    const byWorker = new Map<string, OutcomeRow[]>();
    for (const row of rows) {
      const list = byWorker.get(row.workerId);
      if (list) list.push(row);
      else byWorker.set(row.workerId, [row]);
    }
    return workerIds.map((id) => trackRecord(byWorker.get(id) ?? []));
  }
}
