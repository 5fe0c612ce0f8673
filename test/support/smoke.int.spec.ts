import { createTestDatabase } from './database';

test('a fresh database has the migrations applied', async () => {
  const db = await createTestDatabase();
  const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM schema_migrations');
  expect(rows[0].n).toBeGreaterThan(0);
  await db.drop();
});
