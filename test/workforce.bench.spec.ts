import { signUp, startTestApp, TestApp } from './support/app';

/**
 * Bulk onboarding: 1,000 enrolments over HTTP, against `{ me { id } }` at the same concurrency
 * as a baseline. A measurement, not a test: it asserts no timing and runs only when asked,
 * e.g. `WORKFORCE_BENCH=1 node --experimental-vm-modules node_modules/jest/bin/jest.js test/workforce.bench`.
 */
const WORKERS = 1000;
const CONCURRENCY = [1, 8];

(process.env.WORKFORCE_BENCH ? describe : describe.skip)('bulk enrolment', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ DB_POOL_SIZE: '20' });
  });
  afterAll(() => app.close());

  /** Runs `count` calls with `concurrency` in flight; returns calls per second. */
  async function rate(count: number, concurrency: number, call: (i: number) => Promise<void>): Promise<number> {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) await call(next++);
      }),
    );
    return count / ((performance.now() - started) / 1000);
  }

  test('enrolment rate over HTTP against a baseline', async () => {
    const owner = await signUp(app, 'owner@bulk.test');
    const lines: string[] = [];
    for (const concurrency of CONCURRENCY) {
      const register = await app.gql(
        `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`,
        { input: { name: 'Bulk', kinds: ['LENDER'], industry: 'RESTAURANT', city: 'Shanghai', timezone: 'Asia/Shanghai', businessLicenceNumber: `BULK-${concurrency}` } },
        owner.token,
      );
      const employerId = register.data.registerOrganization.id;

      const baseline = await rate(WORKERS, concurrency, async () => {
        const result = await app.gql(`{ me { id } }`, {}, owner.token);
        if (result.errors) throw new Error(JSON.stringify(result.errors));
      });
      const enrolments = await rate(WORKERS, concurrency, async (i) => {
        const result = await app.gql(
          `mutation($input: EnrollWorkerInput!) { enrollWorker(input: $input) { claimCode worker { id } } }`,
          { input: { employerId, fullName: `Worker ${i}`, phone: '+86 138 0013 8000', skills: ['PICKER'], homeLocation: { lat: 31.23, lng: 121.47 } } },
          owner.token,
        );
        if (result.errors) throw new Error(JSON.stringify(result.errors));
      });
      const listed = await app.gql(`query($id: ID!) { workers(employerId: $id, first: 1) { totalCount } }`, { id: employerId }, owner.token);
      expect(listed.data.workers.totalCount).toBe(WORKERS);
      lines.push(
        `concurrency ${concurrency}: enrollWorker ${enrolments.toFixed(0)} workers/s; baseline { me { id } } ${baseline.toFixed(0)} req/s`,
      );
    }
    console.log(`${WORKERS} enrolments over HTTP\n${lines.join('\n')}`);
  });
});
