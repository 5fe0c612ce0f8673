import { LoggerService } from '@nestjs/common';
import pino from 'pino';

/** Nest's log calls as JSON lines (pino). */
export class JsonLogger implements LoggerService {
  private readonly pino: pino.Logger;

  constructor(level: string) {
    this.pino = pino({ level, base: { service: 'blue-ocean' } });
  }

  log(message: unknown, context?: string) {
    this.pino.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.pino.error({ context, trace }, message instanceof Error ? message.message : String(message));
  }
  warn(message: unknown, context?: string) {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.pino.trace({ context }, String(message));
  }
}
