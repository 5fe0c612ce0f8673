import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import { GraphQLError, GraphQLSchema } from 'graphql';
import type { RequestContext } from '@blue-ocean/api';
import { TokenService } from '@blue-ocean/identity';
import type { AppConfig } from '@blue-ocean/composition';
import { toPublicError } from './error-formatter';
import {
  MAX_QUERY_DEPTH,
  MAX_QUERY_TOKENS,
  onlyParsedDocuments,
  onlyStorableText,
  queryCostLimit,
  requestErrorMessage,
  subscriptionsOverWebSocketOnly,
} from './query-limits';

const logger = new Logger('GraphQL');

/** Mercurius on Fastify, code-first; errors leave only through `toPublicError`. */
export function graphqlOptions(config: AppConfig, tokens: TokenService): MercuriusDriverConfig {
  const production = config.nodeEnv === 'production';
  return {
    autoSchemaFile: production ? true : join(process.cwd(), 'apps/gateway/schema.gql'),
    sortSchema: true,
    path: '/graphql',
    graphiql: !production,
    queryDepth: MAX_QUERY_DEPTH,
    // Every query's cost is bounded (aliases and page sizes included); subscriptions go over
    // graphql-ws only. Introspection stays on outside production (tools and the contract test use it).
    validationRules: [queryCostLimit, subscriptionsOverWebSocketOnly, ...(production ? [noIntrospection] : [])],
    hooks: { preValidation: [onlyParsedDocuments], preExecution: [onlyStorableText] },
    // The cost is counted on the parsed document: a 1 MB document of aliases would take seconds
    // to parse and validate first. No query a client writes comes near this many tokens.
    graphql: { parseOptions: { maxTokens: MAX_QUERY_TOKENS } },
    // Once a query text has run this many times it is compiled with graphql-jit and the compiled
    // code runs it from then on (GRAPHQL_JIT, default 1; 0 = never): the JIT benchmark.
    jit: config.graphqlJit,
    // graphql-ws on the same path: the token comes once, in connectionParams.authorization, and
    // makes the same context as a request's header (so @CurrentCaller() works in subscriptions).
    subscription: {
      context: (_socket: unknown, request: FastifyRequest): RequestContext => ({ caller: null, authError: null, clientAddress: request.ip }),
      // Always accepted: without a valid token each subscription is refused with UNAUTHENTICATED.
      onConnect: async ({ payload }: { payload?: Record<string, unknown> | null }): Promise<Pick<RequestContext, 'caller' | 'authError'>> => {
        const given = payload?.authorization ?? payload?.Authorization;
        const authorization = typeof given === 'string' && given.trim() ? (/^bearer\s/i.test(given.trim()) ? given : `Bearer ${given.trim()}`) : null;
        try {
          return { caller: await tokens.callerFrom(authorization), authError: null };
        } catch (error) {
          return { caller: null, authError: error as Error };
        }
      },
    },
    transformSchema: (schema: GraphQLSchema) => refuseSubscriptionsPublicly(schema),
    context: async (request: FastifyRequest): Promise<RequestContext> => {
      const clientAddress = request.ip;
      try {
        return { caller: await tokens.callerFrom(request.headers.authorization), authError: null, clientAddress };
      } catch (error) {
        return { caller: null, authError: error as Error, clientAddress };
      }
    },
    errorFormatter: (execution) => {
      const errors = execution.errors.flatMap((error) => {
        const inner = (error.originalError as { errors?: GraphQLError[] } | undefined)?.errors;
        return Array.isArray(inner) ? inner : [error];
      });
      return {
        statusCode: 200,
        response: {
          data: execution.data ?? null,
          errors: errors.map((error) =>
            toPublicError(error instanceof GraphQLError ? error : new GraphQLError(requestErrorMessage(error)), (cause) =>
              logger.error(cause instanceof Error ? `${cause.name}: ${cause.message}\n${cause.stack}` : String(cause)),
            ),
          ),
        },
      };
    },
  };
}

/**
 * A refusal when subscribing (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND) leaves Mercurius without
 * going through `errorFormatter`: map it here with the same `toPublicError`.
 */
function refuseSubscriptionsPublicly(schema: GraphQLSchema): GraphQLSchema {
  const fields = schema.getSubscriptionType()?.getFields() ?? {};
  for (const field of Object.values(fields)) {
    const subscribe = field.subscribe;
    if (!subscribe) continue;
    field.subscribe = async (...args) => {
      let result: unknown;
      try {
        result = await subscribe(...args);
      } catch (error) {
        throw publicGraphQLError(error);
      }
      if (result instanceof Error) throw publicGraphQLError(result);
      return result;
    };
  }
  return schema;
}

function publicGraphQLError(error: unknown): GraphQLError {
  const graphQLError = error instanceof GraphQLError ? error : new GraphQLError(String((error as Error)?.message ?? error), { originalError: error as Error });
  const { message, extensions } = toPublicError(graphQLError, (cause) =>
    logger.error(cause instanceof Error ? `${cause.name}: ${cause.message}\n${cause.stack}` : String(cause)),
  );
  return new GraphQLError(message, { extensions });
}

function noIntrospection(context: import('graphql').ValidationContext) {
  return {
    Field(node: import('graphql').FieldNode) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        context.reportError(new GraphQLError('Introspection is disabled in production.', { nodes: [node] }));
      }
    },
  };
}
