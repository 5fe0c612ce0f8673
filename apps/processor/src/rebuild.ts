import { NestFactory } from '@nestjs/core';
import { ProjectionRunner } from '@blue-ocean/persistence';
import { ProcessorModule } from './processor.module';
import { processorConfig } from './settings';

/**
 * `npm run projections:rebuild`: empties the read models and replays every event from the start,
 * with a progress bar. Stop the gateways' projections first (or run it while they are down):
 * the rebuild waits for the projection lock.
 */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(ProcessorModule.forRoot(processorConfig(false)), { logger: ['error'] });
  const runner = app.get(ProjectionRunner);
  const started = Date.now();
  const applied = await runner.rebuild((done) => {
    const perSecond = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
    process.stdout.write(`\r  replayed ${done.toLocaleString('en')} events (${perSecond.toLocaleString('en')}/s)   `);
  });
  process.stdout.write('\n');
  console.log(`Rebuilt the read models from ${applied} events in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  await app.close();
}

main().then(() => process.exit(0)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
