import { createSecretKey } from 'node:crypto';
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
      imports: [
        CqrsModule,
        // A key object made once: given a string, jsonwebtoken first tries to parse it as a PEM
        // key on every sign and verify, and that failed attempt cost about 1 ms per request.
        JwtModule.register({ secret: createSecretKey(Buffer.from(settings.jwtSecret)), signOptions: { algorithm: 'HS256' as const } }),
      ],
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
