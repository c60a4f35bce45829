import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, ValidateIf, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1');
const DB_URL = { protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true };

/**
 * Every setting of the service, read from environment variables and validated at boot:
 * a wrong value stops the start with a message naming the variable. README lists them.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** PostgreSQL of events (default store) and read models; without it an embedded server starts. */
  @IsOptional() @IsUrl(DB_URL, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string = undefined;

  @Transform(toInt) @IsInt() @Min(1) @Max(500)
  DATABASE_POOL_SIZE = 20;

  /** How long to wait for the database at start before giving up (ms). */
  @Transform(toInt) @IsInt() @Min(0)
  DATABASE_CONNECT_TIMEOUT_MS = 15_000;

  /** Folder of local state: embedded PostgreSQL data, development keys. */
  @IsString()
  DATA_DIR = '.data';

  @Transform(toInt) @IsInt() @Min(1024) @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsIn(['postgres', 'esdb'])
  EVENT_STORE: 'postgres' | 'esdb' = 'postgres';

  @ValidateIf((env: EnvironmentVariables) => env.EVENT_STORE === 'esdb')
  @IsString({ message: 'ESDB_URL is required when EVENT_STORE=esdb (e.g. esdb://localhost:2113?tls=false)' })
  ESDB_URL?: string = undefined;

  /** How often idle subscriptions look for events appended by other instances (ms). */
  @Transform(toInt) @IsInt() @Min(5) @Max(60_000)
  SUBSCRIPTION_POLL_MS = 100;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Longest wait of a query asking for read-your-writes (ms). */
  @Transform(toInt) @IsInt() @Min(0) @Max(60_000)
  READ_WAIT_MAX_MS = 5_000;

  @Transform(toBool) @IsBoolean()
  OPENAPI_ENABLED = true;

  /** Expected `iss` of bearer tokens. */
  @IsString()
  AUTH_ISSUER = 'cig-ledger-dev';

  /** Expected `aud` of bearer tokens. */
  @IsString()
  AUTH_AUDIENCE = 'cig-ledger';

  /** JWKS of the identity provider; or AUTH_PUBLIC_KEY_FILE; without either, development keys in DATA_DIR/keys. */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }, { message: 'AUTH_JWKS_URL must be an http(s) URL' })
  AUTH_JWKS_URL?: string = undefined;

  @IsOptional() @IsString()
  AUTH_PUBLIC_KEY_FILE?: string = undefined;

  /** In production, development keys are refused unless this is true. */
  @Transform(toBool) @IsBoolean()
  AUTH_ALLOW_DEV_KEYS = false;

  @Transform(toInt) @IsInt() @Min(0) @Max(300)
  AUTH_CLOCK_TOLERANCE_S = 30;

  /** Directory loaded at the first start, when the anagrafica is still empty. */
  @IsString()
  ANAGRAFICA_SEED_FILE = 'config/anagrafica.seed.json';
}

export type AppConfig = Readonly<EnvironmentVariables>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; throws `ConfigError` listing every wrong variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = new Set(Object.keys(new EnvironmentVariables()));
  const given = Object.fromEntries(Object.entries(env).filter(([key, value]) => known.has(key) && value !== undefined && value !== ''));
  const config = plainToInstance(EnvironmentVariables, given, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigError(errors.map((e) => `${e.property}=${JSON.stringify(given[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`));
  }
  return Object.freeze(config);
}
