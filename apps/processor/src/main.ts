import { NestFactory } from '@nestjs/core';
import { ProcessorModule } from './processor.module';
import { processorConfig } from './settings';

/** Runs projections for the gateways (RUN_PROJECTIONS=false there) when the marketplace outgrows one process. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(ProcessorModule.forRoot(processorConfig(true)));
  app.enableShutdownHooks();
  console.log(JSON.stringify({ level: 'info', msg: 'Blue Ocean processor is running projections' }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
