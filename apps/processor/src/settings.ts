/** The processor needs only where the data is. */
export function processorSettings(runProjections: boolean) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    console.error('DATABASE_URL must be a postgres:// URL');
    process.exit(1);
  }
  return { databaseUrl, eventStoreUrl: process.env.EVENT_STORE_URL || undefined, runProjections };
}
