import { createGateway } from '../../apps/gateway/src/bootstrap';
import { loadConfig } from '@blue-ocean/composition';
import { freshDatabase } from './databases';

/** The real gateway on a fresh database, for benchmarks over HTTP; `keepDatabase` leaves it for a look afterwards. */
export async function benchGateway(serverUrl: string, env: Record<string, string> = {}, options: { keepDatabase?: boolean } = {}) {
  const db = await freshDatabase(serverUrl);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    JWT_SECRET: 'benchmark-secret-that-is-long-enough-0123456789',
    AUTH_RATE_LIMIT_PER_MINUTE: '0',
    PLATFORM_ADMIN_EMAILS: 'admin@bench.test',
    ...env,
  });
  const app = await createGateway(config, { quiet: true });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    databaseUrl: db.url,
    async gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ data?: T; errors?: unknown[] }> {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: T; errors?: unknown[] };
    },
    async close() {
      await app.close();
      if (options.keepDatabase) console.log(`\n  kept ${db.url}`);
      else await db.drop();
    },
  };
}
