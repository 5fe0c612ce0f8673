// JIT: Mercurius executing with graphql-jit (GRAPHQL_JIT=1: a query text is compiled on its second
// run) against graphql-js's execute (GRAPHQL_JIT=0), same run. Two gateways in this process on the
// same seeded database (the second runs no projections); rounds alternate between them (and which
// goes first) so the shared machine's noise hits both alike. Each gateway is warmed first, so
// compiled queries and optimised code are what is timed. The page of postings is checked to be the
// same answer from both before timing.
import { alternating, Benchmark, figure, load } from './harness';
import { benchGateway } from './gateway';
import { Seeder } from './seed';
import { postShifts } from './postings';

const CONCURRENCY = 32;
const PAGE = 50;

const ME = `{ me { id } }`;
/** A page of 50 postings with every field that needs no further read: the work is GraphQL execution (custom scalars included). */
const SHIFTS = `query($retailerId: ID!) { shifts(retailerId: $retailerId, first: ${PAGE}) {
  totalCount pageInfo { endCursor hasNextPage }
  edges { cursor node { id title description role status slots slotsFilled hourlyRate currency startsAt endsAt unpaidBreakMinutes requiresGreenCode distanceKm } } } }`;

type Gateway = Awaited<ReturnType<typeof benchGateway>>;

export const jit: Benchmark = {
  id: 'JIT',
  async run({ quick, databaseUrl }) {
    const rounds = quick ? 2 : 8;
    const meCalls = quick ? 200 : 2500;
    const shiftCalls = quick ? 80 : 800;
    const warmUp = quick ? 64 : 500;

    const off = await benchGateway(databaseUrl, { GRAPHQL_JIT: '0', DB_POOL_SIZE: '20' });
    let on: Gateway | null = null;
    try {
      const seeder = new Seeder(off.app);
      const retailer = await seeder.organization('RETAILER');
      await seeder.settled();
      await postShifts(off, retailer, PAGE, 5);
      // The same database, without a second projection runner.
      on = await benchGateway(databaseUrl, { GRAPHQL_JIT: '1', DB_POOL_SIZE: '20', DATABASE_URL: off.databaseUrl, RUN_PROJECTIONS: 'false' });

      const variables = { retailerId: retailer.organizationId };
      const call = (gateway: Gateway, query: string, vars?: Record<string, unknown>) => async () => {
        const r = await gateway.gql(query, vars, retailer.token);
        if (r.errors) throw new Error(JSON.stringify(r.errors));
      };

      // Same answer from both (graphql-jit serialises the custom scalars itself).
      const answers = await Promise.all([off.gql(SHIFTS, variables, retailer.token), on.gql(SHIFTS, variables, retailer.token)]);
      for (let i = 0; i < 3; i++) answers.push(await on.gql(SHIFTS, variables, retailer.token)); // compiled by now
      const expected = JSON.stringify(answers[0]);
      if (answers.some((a) => JSON.stringify(a) !== expected)) throw new Error(`jit and graphql-js answered differently: ${expected} vs ${JSON.stringify(answers.at(-1))}`);
      if (answers[0].errors || (answers[0].data as any)?.shifts?.edges?.length !== PAGE) throw new Error(`expected ${PAGE} postings: ${expected.slice(0, 300)}`);

      for (const gateway of [off, on]) {
        await load(warmUp, CONCURRENCY, call(gateway, ME));
        await load(warmUp, CONCURRENCY, call(gateway, SHIFTS, variables));
      }

      const [meOff, meOn, shiftsOff, shiftsOn] = await alternating(rounds, CONCURRENCY, [
        { callsPerRound: meCalls, call: call(off, ME) },
        { callsPerRound: meCalls, call: call(on, ME) },
        { callsPerRound: shiftCalls, call: call(off, SHIFTS, variables) },
        { callsPerRound: shiftCalls, call: call(on, SHIFTS, variables) },
      ]);
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const note = (jitOn: typeof meOn, jitOff: typeof meOff) => {
        const ratios = jitOn.roundRates.map((rate, i) => rate / jitOff.roundRates[i]).sort((a, b) => a - b);
        return `${rounds} alternating rounds, ratio per round ${ratios[0].toFixed(2)}–${ratios.at(-1)!.toFixed(2)}×; GRAPHQL_JIT=1 vs 0, two gateways in one process on one database`;
      };
      return [
        figure({ id: 'JIT', name: `{ me { id } } req/s, concurrency ${CONCURRENCY}`, unit: 'req/s', value: meOn.perSecond, baseline: meOff.perSecond, baselineName: 'graphql-js execute', target: 'report', note: note(meOn, meOff) }),
        figure({ id: 'JIT', name: `shifts(first: ${PAGE}) req/s, concurrency ${CONCURRENCY}`, unit: 'req/s', value: shiftsOn.perSecond, baseline: shiftsOff.perSecond, baselineName: 'graphql-js execute', target: '≥ 1×', note: note(shiftsOn, shiftsOff) }),
        figure({ id: 'JIT', name: `shifts(first: ${PAGE}) p50 (median of rounds)`, unit: 'ms', value: median(shiftsOn.roundP50s), baseline: median(shiftsOff.roundP50s), baselineName: 'graphql-js execute p50', target: 'report' }),
      ];
    } finally {
      if (on) await on.close();
      await off.close();
    }
  },
};
