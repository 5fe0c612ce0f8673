import { Benchmark, figure, load, peakRss } from './harness';
import { benchGateway } from './gateway';
import { Seeder } from './seed';
import { postShifts } from './postings';

const CONCURRENCY = 32;

/** P2: acceptShift over HTTP against `{ me { id } }` on the same server, same concurrency. */
export const p2: Benchmark = {
  id: 'P2',
  async run({ quick, databaseUrl }) {
    const gateway = await benchGateway(databaseUrl, { DB_POOL_SIZE: '40' });
    try {
      const workers = quick ? 400 : 4000;
      const seeder = new Seeder(gateway.app);
      const lender = await seeder.organization('LENDER');
      const retailer = await seeder.organization('RETAILER');
      const staff = await seeder.workers(workers, lender.organizationId);
      await seeder.settled();
      const shiftIds = await postShifts(gateway, retailer, Math.ceil(workers / 500), 500);

      const me = await load(workers, CONCURRENCY, async (i) => {
        const r = await gateway.gql(`{ me { id } }`, {}, staff[i].token);
        if (r.errors) throw new Error(JSON.stringify(r.errors));
      });
      const { result: accept, peakMb } = await peakRss(() =>
        load(workers, CONCURRENCY, async (i) => {
          const r = await gateway.gql(`mutation($s: ID!) { acceptShift(shiftId: $s) { id status } }`, { s: shiftIds[i % shiftIds.length] }, staff[i].token);
          if (r.errors) throw new Error(`acceptShift failed: ${JSON.stringify(r.errors)}`);
        }),
      );
      const note =
        `peak RSS ${Math.round(peakMb)} MiB (gateway and load generator in one process); ` +
        `CPU of this process per call: acceptShift ${accept.cpuMsPerCall.toFixed(2)} ms, { me { id } } ${me.cpuMsPerCall.toFixed(2)} ms`;
      return [
        figure({ id: 'P2', name: `acceptShift req/s, concurrency ${CONCURRENCY}`, unit: 'req/s', value: accept.perSecond, baseline: me.perSecond, baselineName: '{ me { id } }', target: '≥ 0.5×', note }),
        figure({ id: 'P2', name: 'acceptShift p50', unit: 'ms', value: accept.p50, baseline: me.p50, baselineName: '{ me { id } } p50', target: 'report' }),
        figure({ id: 'P2', name: 'acceptShift p99', unit: 'ms', value: accept.p99, baseline: me.p99, baselineName: '{ me { id } } p99', target: '≤ 3×', note }),
      ];
    } finally {
      await gateway.close();
    }
  },
};
