import { Injectable } from '@nestjs/common';
import type { Caller } from '@blue-ocean/api';
import { Forbidden, LruCache, NotFound } from '@blue-ocean/kernel';
import { OrganizationRow, Organizations } from '@blue-ocean/organizations';
import { Workers } from '@blue-ocean/workforce';
import type { CancelledBy } from '../domain/events';

/** Who the caller is to a placement or an organization, for the permission rules of API-RULES.md. */
@Injectable()
export class Parties {
  /** A worker profile, once claimed, stays the user's, and its worker and employer never change. */
  private readonly claimedWorkers = new LruCache<string, ClaimedWorker>(100_000);

  constructor(
    private readonly organizations: Organizations,
    private readonly workers: Workers,
  ) {}

  /** A member of the retailer (ADMIN or STAFF); FORBIDDEN otherwise. */
  async requireRetailerMember(caller: Caller, retailerId: string): Promise<OrganizationRow> {
    const organization = await this.organizations.byId(retailerId);
    if (!(await this.organizations.roleOf(caller.userId, retailerId))) throw new Forbidden("Only the retailer's members may do this.");
    if (!organization.kinds.includes('RETAILER')) throw new Forbidden('This organization is not a retailer.');
    return organization;
  }

  async requireLenderMember(caller: Caller, lenderId: string): Promise<void> {
    if (!(await this.organizations.roleOf(caller.userId, lenderId))) throw new Forbidden("Only the lender's members may do this.");
  }

  /** The worker profile the caller has claimed; FORBIDDEN for a user who is not a worker. */
  async requireWorker(caller: Caller): Promise<{ workerId: string; employerId: string }> {
    const worker = await this.workerOf(caller);
    if (!worker) throw new Forbidden('Only a worker who has claimed a profile may do this.');
    return { workerId: worker.id, employerId: worker.employerId };
  }

  /** The caller's side of a placement, or null when the caller is no party to it. */
  async sideOf(caller: Caller, placement: { workerId: string; lenderId: string; retailerId: string }): Promise<CancelledBy | null> {
    const worker = await this.workerOf(caller);
    if (worker?.id === placement.workerId) return 'WORKER';
    if (await this.organizations.roleOf(caller.userId, placement.lenderId)) return 'LENDER';
    if (await this.organizations.roleOf(caller.userId, placement.retailerId)) return 'RETAILER';
    return null;
  }

  async requireSide(caller: Caller, placement: { workerId: string; lenderId: string; retailerId: string }): Promise<CancelledBy> {
    const side = await this.sideOf(caller, placement);
    if (!side) throw new NotFound('Placement');
    return side;
  }

  /** The caller's claimed worker profile, looked up once per user. */
  private async workerOf(caller: Caller): Promise<ClaimedWorker | null> {
    const known = this.claimedWorkers.get(caller.userId);
    if (known) return known;
    const row = await this.workers.ofUser(caller.userId);
    if (!row) return null;
    const worker = { id: row.id, employerId: row.employerId };
    this.claimedWorkers.set(caller.userId, worker);
    return worker;
  }
}

interface ClaimedWorker {
  id: string;
  employerId: string;
}
