import { hash } from '@node-rs/argon2';
import { Benchmark, figure, load } from './harness';
import { benchGateway } from './gateway';

const CONCURRENCY = 16;
/** The same parameters as the PasswordHasher (argon2id, OWASP minimum). */
const PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** P6: signUp over HTTP against the password hash alone, same parameters, same concurrency. */
export const p6: Benchmark = {
  id: 'P6',
  async run({ quick, databaseUrl }) {
    const gateway = await benchGateway(databaseUrl);
    const count = quick ? 80 : 600;
    try {
      const hashOnly = await load(count, CONCURRENCY, () => hash(`password-${Math.random()}`, PARAMETERS).then(() => undefined));
      let failures = 0;
      const signUps = await load(count, CONCURRENCY, async (i) => {
        const result = await gateway.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
          input: { email: `worker${i}-${Date.now()}@bench.test`, password: 'a long enough password', displayName: `Worker ${i}` },
        });
        if (result.errors) failures++;
      });
      if (failures) throw new Error(`${failures} sign-ups failed`);
      // The hash keeps both cores busy, so everything else a sign-up does comes out of its throughput.
      const note =
        `CPU of this process per call: signUp ${signUps.cpuMsPerCall.toFixed(2)} ms, hash alone ${hashOnly.cpuMsPerCall.toFixed(2)} ms ` +
        `(ceiling on CPU alone ≈ ${(hashOnly.cpuMsPerCall / signUps.cpuMsPerCall).toFixed(2)}×, before PostgreSQL's own CPU)`;
      return [
        figure({ id: 'P6', name: `signUp req/s, concurrency ${CONCURRENCY}`, unit: 'req/s', value: signUps.perSecond, baseline: hashOnly.perSecond, baselineName: 'argon2id hash alone', target: '≥ 0.8×', note }),
      ];
    } finally {
      await gateway.close();
    }
  },
};
