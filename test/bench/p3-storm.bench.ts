import { Pool } from 'pg';
import { Benchmark, figure, load } from './harness';
import { benchGateway } from './gateway';
import { postShifts } from './postings';
import { Seeder } from './seed';

const CONCURRENCY = 32;

/**
 * P3: a booking storm — many workers for few slots — against uncontended accepts (one worker per
 * one-slot posting) in the same run; then the invariants are checked on the read side. A broken
 * invariant fails the benchmark.
 */
export const p3: Benchmark = {
  id: 'P3',
  async run({ quick, databaseUrl }) {
    const [stormWorkers, postings, slotsEach] = quick ? [1000, 10, 10] : [10_000, 100, 10];
    const uncontended = postings * slotsEach;
    const gateway = await benchGateway(databaseUrl, { DB_POOL_SIZE: '40' });
    try {
      const seeder = new Seeder(gateway.app);
      const lender = await seeder.organization('LENDER');
      const retailer = await seeder.organization('RETAILER');
      const staff = await seeder.workers(stormWorkers + uncontended, lender.organizationId);
      await seeder.settled();
      const single = await postShifts(gateway, retailer, uncontended, 1);
      const contested = await postShifts(gateway, retailer, postings, slotsEach);

      const accept = (token: string, shiftId: string) =>
        gateway.gql(`mutation($s: ID!) { acceptShift(shiftId: $s) { id } }`, { s: shiftId }, token);
      const baseline = await load(uncontended, CONCURRENCY, async (i) => {
        const r = await accept(staff[i].token, single[i]);
        if (r.errors) throw new Error(`uncontended accept failed: ${JSON.stringify(r.errors)}`);
      });
      let won = 0;
      const storm = await load(stormWorkers, CONCURRENCY, async (i) => {
        const r = await accept(staff[uncontended + i].token, contested[i % postings]);
        if (!r.errors) won++;
        else if (!JSON.stringify(r.errors).includes('SHIFT_FULL')) throw new Error(`storm accept failed: ${JSON.stringify(r.errors)}`);
      });
      if (won !== postings * slotsEach) throw new Error(`invariant broken: ${won} accepts won for ${postings * slotsEach} slots`);
      await checkInvariants(gateway.databaseUrl);
      return [
        figure({ id: 'P3', name: `storm: ${stormWorkers} workers for ${postings * slotsEach} slots`, unit: 'req/s', value: storm.perSecond, baseline: baseline.perSecond, baselineName: `${uncontended} uncontended accepts`, target: '≥ 0.7×', note: 'invariants held' }),
      ];
    } finally {
      await gateway.close();
    }
  },
};

/** No posting over its slots; no worker in two overlapping live placements. */
async function checkInvariants(databaseUrl: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const overfull = await pool.query(`
      SELECT s.id FROM shift_postings s
      JOIN placements p ON p.shift_id = s.id
        AND p.status IN ('PENDING_LENDER','CONFIRMED','CHECKED_IN','CHECKED_OUT','APPROVED','DISPUTED','SETTLED')
      GROUP BY s.id, s.slots, s.slots_filled HAVING count(*) > s.slots OR count(*) <> s.slots_filled`);
    if (overfull.rowCount) throw new Error(`invariant broken: ${overfull.rowCount} postings over their slots`);
    const overlapping = await pool.query(`
      SELECT a.id FROM placements a JOIN placements b
        ON a.worker_id = b.worker_id AND a.id < b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
      WHERE a.status IN ('PENDING_LENDER','CONFIRMED','CHECKED_IN') AND b.status IN ('PENDING_LENDER','CONFIRMED','CHECKED_IN')`);
    if (overlapping.rowCount) throw new Error(`invariant broken: ${overlapping.rowCount} overlapping placements`);
  } finally {
    await pool.end();
  }
}
