import { Catch } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';

/**
 * Hands every resolver error back to GraphQL untouched, so the one error formatter decides
 * what the client sees (and logs only the unexpected ones), instead of Nest logging refusals.
 */
@Catch()
export class PassToGraphQL implements GqlExceptionFilter {
  catch(error: unknown) {
    return error;
  }
}
