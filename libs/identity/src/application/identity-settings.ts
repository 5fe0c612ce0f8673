/** What the identity module reads from the configuration at start. */
export interface IdentitySettings {
  jwtSecret: string;
  tokenTtlSeconds: number;
  authRateLimitPerMinute: number;
  isPlatformAdmin(email: string): boolean;
}

export const IDENTITY_SETTINGS = Symbol('IDENTITY_SETTINGS');
