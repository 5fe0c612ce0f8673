import { HttpException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DomainError, Forbidden, InvalidInput, NotFound, RateLimited, Unauthenticated } from '@blue-ocean/kernel';

export interface PublicError {
  message: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  extensions: { code: string; reason?: string; field?: string };
}

/**
 * The one place where failures become the error codes of API-RULES.md. Anything unexpected
 * becomes INTERNAL_SERVER_ERROR with a plain message: no stack, SQL or class name leaves.
 */
export function toPublicError(error: GraphQLError, log: (error: unknown) => void): PublicError {
  const cause = error.originalError;
  const where = { path: error.path, locations: error.locations };
  if (!cause) {
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'BAD_USER_INPUT';
    const known = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'].includes(code) ? code : 'BAD_USER_INPUT';
    return { message: error.message, ...where, extensions: { code: known } };
  }
  if (cause instanceof GraphQLError) return toPublicError(cause, log);
  if (cause instanceof DomainError) return { message: cause.message, ...where, extensions: { code: 'CONFLICT', reason: cause.reason } };
  if (cause instanceof InvalidInput) {
    return { message: cause.message, ...where, extensions: { code: 'BAD_USER_INPUT', ...(cause.field ? { field: cause.field } : {}) } };
  }
  if (cause instanceof Unauthenticated) return { message: cause.message, ...where, extensions: { code: 'UNAUTHENTICATED' } };
  if (cause instanceof Forbidden) return { message: cause.message, ...where, extensions: { code: 'FORBIDDEN' } };
  if (cause instanceof NotFound) return { message: cause.message, ...where, extensions: { code: 'NOT_FOUND' } };
  if (cause instanceof RateLimited) return { message: cause.message, ...where, extensions: { code: 'RATE_LIMITED' } };
  if (cause instanceof HttpException && cause.getStatus() === 400) {
    return { message: 'The request is malformed.', ...where, extensions: { code: 'BAD_USER_INPUT' } };
  }
  // Refused by the HTTP layer before any resolver ran (Fastify and Mercurius mark these with a 4xx
  // statusCode): a body that is not JSON or is too large, GET variables that are not JSON. The
  // client's fault, not ours (the fuzzer found them answered INTERNAL_SERVER_ERROR).
  const status = (cause as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { message: `The request is malformed: ${cause.message}`, ...where, extensions: { code: 'BAD_USER_INPUT' } };
  }
  log(cause);
  return { message: 'Something went wrong on our side; please try again.', ...where, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
