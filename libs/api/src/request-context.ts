import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Unauthenticated } from '@blue-ocean/kernel';
import type { Caller } from './caller';

/** What the gateway puts in every GraphQL context. */
export interface RequestContext {
  caller: Caller | null;
  /** Set when the request carried a token that failed verification. */
  authError: Error | null;
  clientAddress: string;
}

export function requestContextOf(context: ExecutionContext): RequestContext {
  return GqlExecutionContext.create(context).getContext<RequestContext>();
}

/** The signed-in caller; refuses with UNAUTHENTICATED when there is none. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const { caller, authError } = requestContextOf(context);
  if (authError) throw authError;
  if (!caller) throw new Unauthenticated();
  return caller;
});

/** The client's address, for rate limits. */
export const ClientAddress = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  return requestContextOf(context).clientAddress;
});
