import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Unauthenticated } from '@blue-ocean/kernel';
import type { Caller } from '@blue-ocean/api';
import { IDENTITY_SETTINGS, IdentitySettings } from './identity-settings';

interface TokenClaims {
  sub: string;
  email: string;
}

/** Signed (HS256), expiring bearer tokens. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  issue(userId: string, email: string): Promise<string> {
    const claims: TokenClaims = { sub: userId, email };
    return this.jwt.signAsync(claims, { expiresIn: this.settings.tokenTtlSeconds });
  }

  /** The caller for an `Authorization` header value; null without one; Unauthenticated for a bad or expired token. */
  async callerFrom(authorization: string | undefined | null): Promise<Caller | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (!match) throw new Unauthenticated('The Authorization header must be "Bearer <token>".');
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(match[1], { algorithms: ['HS256'] });
      return { userId: claims.sub, email: claims.email, isPlatformAdmin: this.settings.isPlatformAdmin(claims.email) };
    } catch {
      throw new Unauthenticated('The token is invalid or has expired; please sign in again.');
    }
  }
}
