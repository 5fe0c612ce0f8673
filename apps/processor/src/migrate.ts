import { Pool } from 'pg';
import { migrate } from '@blue-ocean/persistence';
import { processorConfig } from './settings';

/** `npm run migrate`: applies the SQL migrations in infra/migrations. */
async function main(): Promise<void> {
  const pool = new Pool({ connectionString: processorConfig(false).databaseUrl, max: 1 });
  const applied = await migrate(pool);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  await pool.end();
}

main().then(() => process.exit(0)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
