import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';
import { durataMs } from './durata.js';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1');
const toDurata = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : typeof value === 'number' ? value : durataMs(String(value)));
const DURATA_ALLARME = 'must be a duration of at least one minute, such as 90m, 2h or 1h30m (a plain number is hours)';
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

  /**
   * The service's repeated SQL goes out as named statements, parsed and planned once per
   * connection; false behind a pooler in transaction mode that does not keep them (PgBouncer before 1.21).
   */
  @Transform(toBool) @IsBoolean()
  DATABASE_PREPARED_STATEMENTS = true;

  /** How long to wait for the database at start before giving up (ms). */
  @Transform(toInt) @IsInt() @Min(0)
  DATABASE_CONNECT_TIMEOUT_MS = 15_000;

  /** Folder of local state: embedded PostgreSQL data, development keys. */
  @IsString()
  DATA_DIR = '.data';

  /**
   * Port of the embedded PostgreSQL. The default lies below the range the system hands out on its
   * own to outgoing connections and to servers on port 0 (32768–60999 on Linux), so that none of
   * them can hold it while the server is down, e.g. when the service restarts after a crash.
   */
  @Transform(toInt) @IsInt() @Min(1024) @Max(65535)
  EMBEDDED_PG_PORT = 25432;

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

  /** One `info` line per HTTP request (request id, user, route pattern, status, latency); false turns it off. */
  @Transform(toBool) @IsBoolean()
  ACCESS_LOG = true;

  /** Longest wait of a query asking for read-your-writes (ms). */
  @Transform(toInt) @IsInt() @Min(0) @Max(60_000)
  READ_WAIT_MAX_MS = 5_000;

  @Transform(toBool) @IsBoolean()
  OPENAPI_ENABLED = true;

  /** Largest request body (bytes); beyond it: 413. */
  @Transform(toInt) @IsInt() @Min(1024) @Max(100 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** Requests a minute per caller (token), after a burst of RATE_LIMIT_BURST; beyond it: 429. */
  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_PER_MINUTE = 1200;

  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_BURST = 200;

  /** Longest a request may take (ms) before it is answered 503; CSV/PDF downloads are exempt. */
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000)
  REQUEST_TIMEOUT_MS = 30_000;

  /** Origins allowed to call the API from a browser (comma separated); empty: CORS closed. */
  @IsString()
  CORS_ORIGINS = '';

  /** Send Strict-Transport-Security (only behind HTTPS). */
  @Transform(toBool) @IsBoolean()
  HSTS = false;

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

  /**
   * Base URL of ANAC's PCP e-services (e.g. https://apigw-test.anticorruzione.it/modi/rest).
   * Unset: `npm start` runs the bundled simulator and points here at it.
   */
  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' || env.ANAC_PCP_URL !== undefined)
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'ANAC_PCP_URL must be an http(s) URL (required in production: the simulator is for development)' })
  ANAC_PCP_URL?: string = undefined;

  /** PDND voucher sent as `Authorization: Bearer` (the simulator accepts any). */
  @IsString()
  ANAC_VOUCHER = 'voucher-di-sviluppo';

  /** RSA private key (PKCS#8 PEM) that signs the tracking JWS; unset: a development key in DATA_DIR/keys. */
  @IsOptional() @IsString()
  ANAC_JWS_KEY_FILE?: string = undefined;

  @IsString()
  ANAC_JWS_KID = 'cig-ledger-dev';

  /** Codes of this platform in ANAC's register of certified platforms (tracking JWS claims). */
  @IsString()
  ANAC_CODICE_PIATTAFORMA = 'CIGLEDGER';

  @Transform(toInt) @IsInt() @Min(100) @Max(600_000)
  ANAC_TIMEOUT_MS = 30_000;

  /** One limit for the whole service: calls per second to ANAC (burst the same). */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  ANAC_RATE_PER_S = 10;

  /** Backoff of a step ANAC could not serve: from BASE, doubling, up to MAX (ms). */
  @Transform(toInt) @IsInt() @Min(1)
  ANAC_RETRY_BASE_MS = 1_000;

  @Transform(toInt) @IsInt() @Min(1)
  ANAC_RETRY_MAX_MS = 300_000;

  /** Polling of esito-operazione while WT: from INITIAL, ×1.5 each time, up to MAX (ms). */
  @Transform(toInt) @IsInt() @Min(1)
  ANAC_POLL_INITIAL_MS = 2_000;

  @Transform(toInt) @IsInt() @Min(1)
  ANAC_POLL_MAX_MS = 600_000;

  /**
   * A request waiting for ANAC longer than this is flagged (`allarme`) and logged: a duration such
   * as `90m`, `2h`, `1h30m`; a plain number is hours. Read as milliseconds.
   */
  @Transform(toDurata) @IsInt({ message: DURATA_ALLARME }) @Min(60_000, { message: DURATA_ALLARME })
  ANAC_ATTESA_ALLARME = 24 * 3_600_000;

  /** The older name of ANAC_ATTESA_ALLARME (same values), used when the new one is not set. */
  @IsOptional() @Transform(toDurata) @IsInt({ message: DURATA_ALLARME }) @Min(60_000, { message: DURATA_ALLARME })
  ANAC_ATTESA_ALLARME_ORE?: number = undefined;

  @Transform(toInt) @IsInt() @Min(1) @Max(256)
  ANAC_WORKER_CONCURRENCY = 8;

  @Transform(toInt) @IsInt() @Min(5) @Max(60_000)
  ANAC_WORKER_TICK_MS = 250;

  /** Directory loaded at the first start, when the anagrafica is still empty. */
  @IsString()
  ANAGRAFICA_SEED_FILE = 'config/anagrafica.seed.json';

  /** Secret signing the listing's and the audit's page cursors (instances share it); unset: a random one in DATA_DIR/keys. */
  @IsOptional() @IsString() @MinLength(16, { message: 'LISTING_CURSOR_SECRET must be at least 16 characters' })
  LISTING_CURSOR_SECRET?: string = undefined;

  /** Largest page of GET /cig (`limite`); larger requests are a 400. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  LISTING_PAGE_MAX = 200;

  /** GET /cig counts at most this many rows for text, date, amount or code filters ("più di N"); 0: always exact. State filters alone are always exact. */
  @Transform(toInt) @IsInt() @Min(0)
  LISTING_COUNT_MAX = 10_000;

  /** Ed25519 private key (PKCS#8 PEM) signing the audit trail's checkpoints; unset: a development key in DATA_DIR/keys (refused in production). */
  @IsOptional() @IsString()
  AUDIT_SIGNING_KEY_FILE?: string = undefined;

  /** A signed checkpoint of the audit trail every this many records. Changing it changes what a rebuild signs. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000)
  AUDIT_CHECKPOINT_EVERY = 1000;

  /** A signed tree head of the audit trail's Merkle tree every this many records (or AUDIT_STH_SECONDS, whichever first); 0: by time only. Changing it changes what a rebuild signs. */
  @Transform(toInt) @IsInt() @Min(0) @Max(1_000_000)
  AUDIT_STH_EVERY = 1000;

  /** A signed tree head when this many seconds have passed since the last one and records were added (or AUDIT_STH_EVERY, whichever first); 0: by count only. */
  @Transform(toInt) @IsInt() @Min(0) @Max(31_536_000)
  AUDIT_STH_SECONDS = 300;

  /** Earlier public keys of the audit trail (PEM, one after the other), after a key rotation: heads they signed still verify. */
  @IsOptional() @IsString()
  AUDIT_PREVIOUS_PUBLIC_KEYS_FILE?: string = undefined;

  /** Witnesses the signed tree heads are published to (base URLs of `cli audit testimone --ascolta`, comma separated); empty: none. */
  @IsString() @Matches(/^\s*$|^\s*https?:\/\/[^\s,]+(\s*,\s*https?:\/\/[^\s,]+)*\s*$/, { message: 'AUDIT_TESTIMONI must be http(s) URLs separated by commas' })
  AUDIT_TESTIMONI = '';

  /** Sandbox: the business clock runs as of this ISO date or instant (then moves with real time); tokens, leases and JWS keep the wall clock. */
  @IsOptional() @IsISO8601({ strict: true }, { message: 'SANDBOX_DATA must be an ISO date or instant, e.g. 2015-06-01 or 2015-06-01T09:00:00Z' })
  SANDBOX_DATA?: string = undefined;

  /** SIMOG: a CIG not perfected within this many days expires (CigScaduto, avviso AVCP-SIMOG 2011). */
  @Transform(toInt) @IsInt() @Min(1) @Max(3650)
  SIMOG_GIORNI_PERFEZIONAMENTO = 90;

  /** Base URL of the SIMOG and SmartCIG services (`/SIMOG/v1`, `/SmartCIG/v1`); unset: the same as ANAC_PCP_URL (the simulator). */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }, { message: 'ANAC_SIMOG_URL must be an http(s) URL' })
  ANAC_SIMOG_URL?: string = undefined;

  /** How often the deadline scheduler looks for due deadlines (ms). */
  @Transform(toInt) @IsInt() @Min(5) @Max(600_000)
  SCADENZE_TICK_MS = 1_000;

  /** Largest CSV accepted by POST /admin/import (MB); the CLI has no limit. */
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000)
  IMPORT_MAX_MB = 200;

  /** An Idempotency-Key reserved by a request is held this long (ms), renewed while the request runs; a dead instance's keys are free again after it. */
  @Transform(toInt) @IsInt() @Min(500) @Max(600_000)
  IDEMPOTENCY_LEASE_MS = 15_000;

  /** true: the identity provider's token claims alone identify the caller (no local directory); false: every caller must be an active user of the directory. */
  @Transform(toBool) @IsBoolean()
  AUTH_TRUST_TOKEN_CLAIMS = false;

  // --- Shared log reader of the consumers: one read of the log per instance ---
  /**
   * Fallback poll of idle consumers (ms). Appends wake them at once through PostgreSQL
   * LISTEN/NOTIFY; this only covers what no notification announces (an older append rolled back
   * while a newer one waited behind it, a lost listening connection).
   */
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000)
  CONSUMER_FALLBACK_POLL_MS = 5_000;

  /** Events of the log each shared read takes, and how many recent ones it keeps for consumers a little behind. */
  @Transform(toInt) @IsInt() @Min(10) @Max(10_000)
  SHARED_READER_PAGE = 500;

  @Transform(toInt) @IsInt() @Min(100) @Max(1_000_000)
  SHARED_READER_WINDOW = 5_000;

  /**
   * Least time between two shared reads of the log (ms): under load a read brings the appends of
   * that interval at once, so consumers commit fewer, larger batches; an idle reader reads at once.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(1_000)
  SHARED_READER_INTERVAL_MS = 15;

  /**
   * After a batch, a consumer nobody is waiting on takes its next one at least this long (ms)
   * later, so the appends of that time come in one transaction; one that a request waits on
   * (read-your-writes) or that a process waits on (the ANAC practices) goes at once.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(1_000)
  CONSUMER_BATCH_WINDOW_MS = 50;

  // --- Crash safety across instances ---
  /**
   * An ANAC practice claimed by an instance is held this long (ms) and renewed every third of it
   * while its steps run: a crashed instance's practices are taken over by another within it.
   */
  @Transform(toInt) @IsInt() @Min(1_000) @Max(15_000)
  ANAC_PRACTICE_LEASE_MS = 10_000;

  /**
   * Tests only: `PASSO:confine` (prima-invio, dopo-risposta, dopo-registrazione) where the process kills itself with
   * SIGKILL; not on a claim that took over an interrupted practice (set on every instance, exactly one dies there).
   */
  @IsOptional() @IsString() @Matches(/^[A-Z_]+:(prima-invio|dopo-risposta|dopo-registrazione)$/)
  ANAC_CRASH_AT?: string = undefined;

  // --- ANAC's own rules: the DMN tables of the PCP schede, evaluated locally ---
  /** ANAC's `docs/modello-dati` folder (or its `regole` folder) of repository anticorruzione/npa; unset: hand-written checks only. */
  @IsOptional() @IsString()
  ANAC_REGOLE_DIR?: string = undefined;

  // Web console (apps/console): the built files served at / (empty: no console).
  @IsString()
  CONSOLE_DIR = 'dist/console';

  // --- Webhooks: events out to integrating apps (apps/cig-service/src/webhook) ---
  /** Longest wait of one delivery attempt for the receiver's answer (ms). */
  @Transform(toInt) @IsInt() @Min(100) @Max(120_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Attempts of one delivery round, the later ones after an exponential backoff from WEBHOOK_RETRY_BASE_MS. */
  @Transform(toInt) @IsInt() @Min(1) @Max(10)
  WEBHOOK_IMMEDIATE_ATTEMPTS = 3;

  /** First wait after a failed attempt (ms); doubles at each failure up to WEBHOOK_RETRY_MAX_MS. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3_600_000)
  WEBHOOK_RETRY_BASE_MS = 1_000;

  /** Longest wait between two delivery rounds (ms). */
  @Transform(toInt) @IsInt() @Min(1) @Max(86_400_000)
  WEBHOOK_RETRY_MAX_MS = 3_600_000;

  /** A delivery still failing this long after it was queued goes to the dead letter (SCARTATA) and its queue moves on (ms). */
  @Transform(toInt) @IsInt() @Min(1_000)
  WEBHOOK_DEAD_LETTER_MS = 86_400_000;

  /** How often the delivery worker looks for due deliveries when nothing wakes it (ms). */
  @Transform(toInt) @IsInt() @Min(5) @Max(60_000)
  WEBHOOK_TICK_MS = 500;

  /** Deliveries sent at once (each to a different subscription and appalto). */
  @Transform(toInt) @IsInt() @Min(1) @Max(256)
  WEBHOOK_CONCURRENCY = 8;

  /** Key encrypting the subscriptions' secrets at rest (instances share it); unset: a random one in DATA_DIR/keys/webhook.key. */
  @IsOptional() @IsString() @MinLength(16, { message: 'WEBHOOK_SECRETS_KEY must be at least 16 characters' })
  WEBHOOK_SECRETS_KEY?: string = undefined;

  // Console sign-in in production: OpenID Connect authorization code with PKCE (public client).
  /** Issuer of the identity provider the console signs in with; tokens are then verified with its JWKS (discovered) unless AUTH_JWKS_URL/AUTH_PUBLIC_KEY_FILE say otherwise. Must equal AUTH_ISSUER. */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'AUTH_OIDC_ISSUER must be an http(s) URL' })
  AUTH_OIDC_ISSUER?: string = undefined;

  /** The console's client_id at the identity provider (public client, no secret). */
  @IsString() @MinLength(1)
  AUTH_OIDC_CLIENT_ID = 'cig-ledger-console';

  /** Scopes the console asks for. */
  @IsString() @Matches(/(^|\s)openid(\s|$)/, { message: 'AUTH_OIDC_SCOPE must include openid' })
  AUTH_OIDC_SCOPE = 'openid profile';

  /** RFC 8707 resource indicator sent by the console (unset: none; the provider's default audience must then be AUTH_AUDIENCE). */
  @IsOptional() @IsString()
  AUTH_OIDC_RESOURCE?: string = undefined;
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
  // The older name still works when the new one is not given.
  if (given.ANAC_ATTESA_ALLARME === undefined && config.ANAC_ATTESA_ALLARME_ORE !== undefined) config.ANAC_ATTESA_ALLARME = config.ANAC_ATTESA_ALLARME_ORE;
  return Object.freeze(config);
}

/** The witnesses of AUDIT_TESTIMONI, each a base URL without its trailing slash, once each. */
export function testimoniConfigurati(config: Pick<AppConfig, 'AUDIT_TESTIMONI'>): string[] {
  return [...new Set(config.AUDIT_TESTIMONI.split(',').map((x) => x.trim().replace(/\/+$/, '')).filter((x) => x.length > 0))];
}
