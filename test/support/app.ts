import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Clock } from '@blue-ocean/kernel';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { loadConfig } from '@blue-ocean/composition';
import { createTestDatabase, TestDatabase } from './database';

export interface GraphQLResponse<T = any> {
  data?: T | null;
  errors?: { message: string; extensions: { code: string; reason?: string; field?: string } }[];
}

/** The real gateway on a fresh database, listening on a free port; talk to it over HTTP. */
export interface TestApp {
  url: string;
  db: TestDatabase;
  app: NestFastifyApplication;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** `options.clock`: a ManualClock lets a test cover days of history without waiting. */
export async function startTestApp(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    PLATFORM_ADMIN_EMAILS: 'admin@blue-ocean.test',
    AUTH_RATE_LIMIT_PER_MINUTE: '0',
    DB_POOL_SIZE: '10',
    ...env,
  });
  const app = await createGateway(config, { quiet: true, clock: options.clock });
  await app.listen(0, '127.0.0.1');
  const url = `${await app.getUrl()}`.replace('[::1]', '127.0.0.1');
  return {
    url,
    db,
    app,
    async gql(query, variables, token) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/** Signs a user up and returns the token and id. */
export async function signUp(app: TestApp, email: string, displayName = email.split('@')[0]) {
  const result = await app.gql<{ signUp: { token: string; user: { id: string } } }>(
    `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`,
    { input: { email, password: 'correct horse battery', displayName } },
  );
  if (!result.data) throw new Error(`signUp failed: ${JSON.stringify(result.errors)}`);
  return { token: result.data.signUp.token, userId: result.data.signUp.user.id };
}

/** The first error's code (and reason), for asserting refusals. */
export function refusal(response: GraphQLResponse) {
  const error = response.errors?.[0];
  return error ? { code: error.extensions.code, reason: error.extensions.reason, field: error.extensions.field } : null;
}
