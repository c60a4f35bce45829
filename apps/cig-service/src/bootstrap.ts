import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import express from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { completaContratto } from './http/contratto-openapi.js';
import {
  createLogger,
  createValidationPipe,
  Metrics,
  openDatabase,
  PinoNestLogger,
  ProblemDetailsFilter,
  randomIds,
  RequestTimeoutInterceptor,
  securityHeaders,
  OffsetClock,
  systemClock,
  type AppConfig,
  type Clock,
  type Database,
  type IdGenerator,
  type Logger,
  verificaProfonditaJson,
} from '#platform';
import { createReadModelDataSource, migrateReadModels } from '#read-models';
import { AppModule } from './app.module.js';
import { createEventStore } from './infrastructure/event-store.factory.js';
import type { Runtime } from './infrastructure/runtime.js';
import { avviaRegoleAnac } from './regole/regole-anac.js';
import { letturePerRichiesta, requestIds } from './http/request-context.js';
import { accessLog } from './http/access-log.js';
import { createIdentity } from './security/identity.js';
import { createAnacGateway } from './anac/anac-gateway.factory.js';
import { consoleStatica } from './console/console-statica.js';
import type { AnacGateway } from '#anac';

export interface StartOptions {
  readonly clock?: Clock;
  /** Real time for caches and rate limits (tests); default the system clock. */
  readonly wallClock?: Clock;
  readonly ids?: IdGenerator;
  readonly random?: () => number;
  readonly logger?: Logger;
  /** A gateway to use instead of the PCP client built from the configuration (tests). */
  readonly anac?: AnacGateway;
  /** An already open database (tests); otherwise DATABASE_URL or the embedded server. */
  readonly database?: Database;
  /** ANAC_PCP_URL known later (the local simulator still starting): awaited when the ANAC client is built. */
  readonly anacUrl?: Promise<string>;
}

export interface RunningService {
  readonly app: NestExpressApplication;
  readonly runtime: Runtime;
  /** Base URL the service listens on, e.g. http://127.0.0.1:3000 */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the service: database (embedded when no DATABASE_URL), event store and migrations,
 * then HTTP. `/ready` answers only after all of that succeeded.
 */
export async function startService(configIniziale: AppConfig, options: StartOptions = {}): Promise<RunningService> {
  let config = configIniziale;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  // Identity first: a production setup with development keys stops before touching anything.
  const identity = await createIdentity(config);
  const database = options.database ?? (await openDatabase(config, logger));
  try {
    const metrics = new Metrics();
    const { eventStore, checkpoints } = await createEventStore(config, database, metrics);
    const readModels = createReadModelDataSource(database.url);
    await migrateReadModels(readModels);
    // Business time: SANDBOX_DATA runs the service as of a past date (tokens, leases and JWS keep the wall clock).
    const clock = options.clock ?? (config.SANDBOX_DATA ? new OffsetClock(new Date(config.SANDBOX_DATA)) : systemClock);
    const ids = options.ids ?? randomIds;
    const random = options.random ?? Math.random;
    if (options.anacUrl) config = { ...config, ANAC_PCP_URL: await options.anacUrl };
    const runtime: Runtime = {
      config,
      logger,
      database,
      eventStore,
      checkpoints,
      metrics,
      clock,
      wallClock: options.wallClock ?? systemClock,
      ids,
      random,
      anac: options.anac ?? (await createAnacGateway(config, ids, random)),
      identity,
      readModels,
      regoleAnac: await avviaRegoleAnac(config.ANAC_REGOLE_DIR, logger),
    };
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRuntime(runtime), {
      logger: new PinoNestLogger(logger),
      bodyParser: false,
      abortOnError: false,
    });
    configureHttp(app, runtime);
    await app.listen(config.PORT, config.HOST);
    // Slow clients cannot hold connections for ever: whole request, headers, idle keep-alive.
    const server = app.getHttpServer();
    server.requestTimeout = config.REQUEST_TIMEOUT_MS + 5_000;
    server.headersTimeout = 20_000;
    server.keepAliveTimeout = 5_000;
    const url = (await app.getUrl()).replace('[::1]', 'localhost');
    return {
      app,
      runtime,
      url,
      async close() {
        await app.close();
        await eventStore.close();
        await readModels.destroy();
        if (!options.database) await database.close();
      },
    };
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }
}

function configureHttp(app: NestExpressApplication, runtime: Runtime): void {
  const c = runtime.config;
  app.disable('x-powered-by');
  app.use(runtime.metrics.httpMiddleware());
  app.use(requestIds(runtime.ids));
  if (c.ACCESS_LOG) app.use(accessLog(runtime.logger));
  app.use(securityHeaders({ hsts: c.HSTS }));
  // The web console (apps/console) at / with its own Content-Security-Policy, when built.
  const consoleWeb = c.CONSOLE_DIR ? consoleStatica(c.CONSOLE_DIR, { oidcIssuer: c.AUTH_OIDC_ISSUER }) : undefined;
  if (consoleWeb) app.use(consoleWeb);
  // Rate limits are applied by the AuthGuard, once it knows who the caller is.
  // CORS stays closed (no headers at all) unless origins are configured.
  const origini = c.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  if (origini.length > 0) app.enableCors({ origin: origini, methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Correlation-ID', 'X-Request-ID'], exposedHeaders: ['X-Request-ID'] });
  // JSON nested deeper than PROFONDITA_JSON_MASSIMA is refused (400) before parsing, in one pass over its bytes.
  // (express.json directly: Nest's useBodyParser does not take a `verify`.)
  app.use(express.json({ limit: c.BODY_LIMIT_BYTES, verify: verificaProfonditaJson() }));
  app.use(letturePerRichiesta());
  // No text body parser: CSV uploads (POST /admin/import) are streamed by their controller, up to IMPORT_MAX_MB.
  app.useGlobalFilters(new ProblemDetailsFilter(runtime.logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new RequestTimeoutInterceptor(c.REQUEST_TIMEOUT_MS));
  if (runtime.config.OPENAPI_ENABLED) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('CIG Ledger')
        .setDescription('Richiesta, tracciamento e rendicontazione dei CIG (SIMOG, SmartCIG e carnet, PCP). Errori in formato RFC 9457 problem+json.')
        .setVersion('1')
        .addBearerAuth()
        .build(),
    );
    SwaggerModule.setup('docs', app, completaContratto(document));
  }
}
