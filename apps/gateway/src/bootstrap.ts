import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { collectDefaultMetrics, Histogram, register } from 'prom-client';
import type { Clock } from '@blue-ocean/kernel';
import { AppModule } from './app.module';
import type { AppConfig } from '@blue-ocean/composition';
import { JsonLogger } from './json-logger';

let metricsReady = false;

function httpMetrics(): Histogram<'route' | 'status'> {
  if (!metricsReady) {
    collectDefaultMetrics();
    metricsReady = true;
  }
  return (register.getSingleMetric('http_request_duration_seconds') as Histogram<'route' | 'status'>) ??
    new Histogram({ name: 'http_request_duration_seconds', help: 'HTTP requests by route and status', labelNames: ['route', 'status'] });
}

/** Builds the gateway (not yet listening): used by main.ts and by the end-to-end tests. */
export async function createGateway(
  config: AppConfig,
  options: { quiet?: boolean; clock?: Clock } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ trustProxy: true, bodyLimit: 1_048_576 });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.clock), adapter, {
    logger: options.quiet ? ['error'] : new JsonLogger(config.logLevel),
  });
  const histogram = httpMetrics();
  app.getHttpAdapter().getInstance().addHook('onResponse', async (request, reply) => {
    histogram.observe({ route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.enableShutdownHooks();
  return app;
}
