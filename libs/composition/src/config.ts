import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** Everything the process reads from the environment, checked once at start. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  databaseUrl: string;
  eventStoreUrl?: string;
  dataDir: string;
  jwtSecret: string;
  tokenTtlSeconds: number;
  platformAdminEmails: Set<string>;
  authRateLimitPerMinute: number;
  platformFeeRate: string;
  dbPoolSize: number;
  runProjections: boolean;
  logLevel: string;
  /** Runs of the same query text after which Mercurius compiles it with graphql-jit (1: from its second run on); 0 = never. */
  graphqlJit: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };

  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['nodeEnv'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) problems.push(`NODE_ENV must be development, production or test (got "${nodeEnv}")`);

  const databaseUrl = env.DATABASE_URL ?? '';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');

  const eventStoreUrl = env.EVENT_STORE_URL || undefined;
  if (eventStoreUrl && !/^(kurrentdb|esdb|kdb)(\+discover)?:\/\//.test(eventStoreUrl)) {
    problems.push('EVENT_STORE_URL must be a kurrentdb:// URL (or unset for the PostgreSQL event store)');
  }

  const platformFeeRate = env.PLATFORM_FEE_RATE ?? '0';
  if (!/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/.test(platformFeeRate)) problems.push(`PLATFORM_FEE_RATE must be a decimal from 0 to 1 (got "${platformFeeRate}")`);

  const dataDir = env.DATA_DIR ?? join(process.cwd(), '.data');
  let jwtSecret = env.JWT_SECRET ?? '';
  if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  if (!jwtSecret && nodeEnv === 'production') problems.push('JWT_SECRET is required when NODE_ENV=production');

  const config: AppConfig = {
    nodeEnv,
    port: int('PORT', 3000, 0, 65535),
    databaseUrl,
    eventStoreUrl,
    dataDir,
    jwtSecret,
    tokenTtlSeconds: int('TOKEN_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    platformAdminEmails: new Set(
      (env.PLATFORM_ADMIN_EMAILS ?? '').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean),
    ),
    authRateLimitPerMinute: int('AUTH_RATE_LIMIT_PER_MINUTE', 30, 0, 1_000_000),
    platformFeeRate,
    dbPoolSize: int('DB_POOL_SIZE', 20, 2, 500),
    runProjections: (env.RUN_PROJECTIONS ?? 'true') !== 'false',
    logLevel: env.LOG_LEVEL ?? 'info',
    graphqlJit: int('GRAPHQL_JIT', 1, 0, 1_000_000),
  };
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  if (!config.jwtSecret) config.jwtSecret = localJwtSecret(dataDir);
  return config;
}

/** Outside production the signing secret is generated once and kept in the data folder. */
function localJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
