import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { NotFound } from '@blue-ocean/kernel';
import type { Caller } from '@blue-ocean/api';
import { AuthRateLimiter } from '../application/auth-rate-limiter';
import { LogIn } from '../application/log-in.query';
import { SignedUpUser, SignUp } from '../application/sign-up.handler';
import { TokenService } from '../application/token.service';
import { Users } from '../application/users.query';
import { AuthPayload, SignUpInput, UserType } from './identity.types';
import { ClientAddress, CurrentCaller } from '@blue-ocean/api';

@Resolver(() => UserType)
export class IdentityResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly users: Users,
    private readonly tokens: TokenService,
    private readonly logIn_: LogIn,
    private readonly rateLimiter: AuthRateLimiter,
  ) {}

  @Mutation(() => AuthPayload)
  async signUp(@Args('input') input: SignUpInput, @ClientAddress() address: string): Promise<AuthPayload> {
    this.rateLimiter.check(address);
    const user = await this.commands.execute<SignUp, SignedUpUser>(new SignUp(input.email, input.password, input.displayName, new Date()));
    return this.payload(user);
  }

  @Mutation(() => AuthPayload)
  async logIn(@Args('email') email: string, @Args('password') password: string, @ClientAddress() address: string): Promise<AuthPayload> {
    this.rateLimiter.check(address);
    return this.payload(await this.logIn_.execute(email, password));
  }

  @Query(() => UserType)
  async me(@CurrentCaller() caller: Caller): Promise<UserType> {
    const user = await this.users.byId(caller.userId);
    if (!user) throw new NotFound('User');
    return { id: user.id, email: user.email, displayName: user.displayName };
  }

  private async payload(user: { id: string; email: string; displayName: string }): Promise<AuthPayload> {
    return { token: await this.tokens.issue(user.id, user.email), user: { id: user.id, email: user.email, displayName: user.displayName } };
  }
}
