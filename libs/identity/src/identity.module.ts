import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { AuthRateLimiter } from './application/auth-rate-limiter';
import { IDENTITY_SETTINGS, IdentitySettings } from './application/identity-settings';
import { LogIn } from './application/log-in.query';
import { PasswordHasher } from './application/password-hasher';
import { SignUpHandler } from './application/sign-up.handler';
import { TokenService } from './application/token.service';
import { Users } from './application/users.query';
import { IdentityResolver } from './graphql/identity.resolver';

/** Users, password hashing, tokens. Memberships belong to organizations. */
@Module({})
export class IdentityModule {
  static forRoot(settings: IdentitySettings) {
    return {
      module: IdentityModule,
      global: true,
      imports: [CqrsModule, JwtModule.register({ secret: settings.jwtSecret, signOptions: { algorithm: 'HS256' as const } })],
      providers: [
        { provide: IDENTITY_SETTINGS, useValue: settings },
        PasswordHasher,
        TokenService,
        AuthRateLimiter,
        Users,
        LogIn,
        SignUpHandler,
        IdentityResolver,
      ],
      exports: [TokenService, Users, IDENTITY_SETTINGS],
    };
  }
}
