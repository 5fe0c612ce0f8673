import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@blue-ocean/api';
import { CLOCK, type Clock, Forbidden, InvalidInput, NotFound } from '@blue-ocean/kernel';
import { Organizations } from '@blue-ocean/organizations';
import { Workers } from '@blue-ocean/workforce';
import { type AttendanceInterval, type CloseContact, closeContacts } from '../domain/close-contacts';

export const DEFAULT_TRACE_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Contact tracing from the check-in/check-out times on the placements read model
 * (API-RULES.md "Contact tracing"): platform admins and the worker's employer's members.
 */
@Injectable()
export class CloseContacts {
  constructor(
    private readonly db: DataSource,
    private readonly workers: Workers,
    private readonly organizations: Organizations,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async of(caller: Caller, workerId: string, days: number | null | undefined): Promise<CloseContact[]> {
    await this.requireTracer(caller, workerId);
    const span = days ?? DEFAULT_TRACE_DAYS;
    if (!Number.isInteger(span) || span < 1) throw new InvalidInput('days', 'days must be a whole number, 1 or more.');
    const now = this.clock.now();
    const from = new Date(Math.max(0, now.getTime() - span * DAY_MS));
    return closeContacts(await this.intervals(workerId, from, now), { workerId, now, days: span });
  }

  /**
   * Platform admins and the employer's members may trace; whoever else may see the worker (the
   * worker, a retailer with a placement of the worker) is FORBIDDEN; everyone else NOT_FOUND.
   */
  private async requireTracer(caller: Caller, workerId: string): Promise<void> {
    const worker = await this.workers.byId(workerId);
    if (caller.isPlatformAdmin || (await this.organizations.roleOf(caller.userId, worker.employerId))) return;
    if (worker.userId === caller.userId || (await this.hasPlacementAtRetailerOf(caller, workerId))) {
      throw new Forbidden("Only platform administrators and the worker's employer may trace close contacts.");
    }
    throw new NotFound('Worker');
  }

  private async hasPlacementAtRetailerOf(caller: Caller, workerId: string): Promise<boolean> {
    const organizationIds = (await this.organizations.membershipsOf(caller.userId)).map((m) => m.organizationId);
    if (organizationIds.length === 0) return false;
    const rows = await this.db.query(`SELECT 1 FROM placements WHERE worker_id = $1 AND retailer_id = ANY($2::uuid[]) LIMIT 1`, [
      workerId,
      organizationIds,
    ]);
    return rows.length > 0;
  }

  /**
   * The traced worker's check-in intervals in the period, and every interval at the same sites
   * that overlaps one of them (an interval still open lasts until now). The domain function
   * clips them to the period and measures the overlaps.
   */
  private async intervals(workerId: string, from: Date, now: Date): Promise<AttendanceInterval[]> {
    const rows: { workerId: string; siteId: string; checkInAt: Date; checkOutAt: Date | null }[] = await this.db.query(
      `WITH mine AS (
         SELECT site_id, check_in_at, COALESCE(check_out_at, $3) AS left_at
           FROM placements
          WHERE worker_id = $1 AND check_in_at IS NOT NULL AND check_in_at < $3 AND COALESCE(check_out_at, $3) > $2
       )
       SELECT p.worker_id AS "workerId", p.site_id AS "siteId", p.check_in_at AS "checkInAt", p.check_out_at AS "checkOutAt"
         FROM placements p
        WHERE p.check_in_at IS NOT NULL
          AND EXISTS (
            SELECT 1 FROM mine m
             WHERE m.site_id = p.site_id AND p.check_in_at < m.left_at AND COALESCE(p.check_out_at, $3) > m.check_in_at
          )`,
      [workerId, from, now],
    );
    return rows;
  }
}
