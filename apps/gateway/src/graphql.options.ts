import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '@blue-ocean/api';
import { TokenService } from '@blue-ocean/identity';
import type { AppConfig } from '@blue-ocean/composition';
import { toPublicError } from './error-formatter';

const logger = new Logger('GraphQL');

/** Mercurius on Fastify, code-first; errors leave only through `toPublicError`. */
export function graphqlOptions(config: AppConfig, tokens: TokenService): MercuriusDriverConfig {
  const production = config.nodeEnv === 'production';
  return {
    autoSchemaFile: production ? true : join(process.cwd(), 'apps/gateway/schema.gql'),
    sortSchema: true,
    path: '/graphql',
    graphiql: !production,
    queryDepth: 12,
    // Introspection stays on outside production (tools and the contract test use it).
    ...(production ? { validationRules: [noIntrospection] } : {}),
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
            toPublicError(error instanceof GraphQLError ? error : new GraphQLError(String(error)), (cause) =>
              logger.error(cause instanceof Error ? `${cause.name}: ${cause.message}\n${cause.stack}` : String(cause)),
            ),
          ),
        },
      };
    },
  };
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
