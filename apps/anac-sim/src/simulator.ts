import { caricaRegoleSchede } from '#anac';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, PinoNestLogger, randomIds, systemClock, type Clock, type IdGenerator } from '#platform';
import type { KeyInput } from 'jose';
import { CallsLog } from './admin/calls-log.js';
import { SimulatorAdminImpl, type SimulatorAdmin } from './admin/simulator-admin.js';
import type { Contesto } from './engine/contesto.js';
import { aggiornaTimings, TIMINGS_PREDEFINITI, type SimTimings } from './engine/timings.js';
import { FaultPlan } from './faults/fault-plan.js';
import { AnacProblemFilter } from './http/problem.filter.js';
import { Pipeline } from './http/pipeline.js';
import { PipelineLegacy } from './legacy/pipeline-legacy.js';
import { RateLimiter, rateLimitHeaders, type RateLimitOptions } from './http/rate-limiter.js';
import { SimModule } from './http/sim.module.js';
import { IdentityCheck } from './identity/identity-check.js';
import { RUP_REGISTRY_PREDEFINITO, type RupRegistrato } from './identity/rup-registry.js';
import { JsonFilePersistence } from './state/json-file-persistence.js';
import { InMemorySimStore } from './state/sim-store.js';

export type { SimulatorAdmin, AppaltoView } from './admin/simulator-admin.js';
export type { CallRecord } from './admin/calls-log.js';
export type { SimTimings } from './engine/timings.js';
export type { RupRegistrato } from './identity/rup-registry.js';
export type * from './faults/fault-types.js';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Source of randomness for fault decisions (latency ranges); default Math.random. */
  readonly random?: () => number;
  /** JSON file the state is written through to; a restarted simulator reloads it. */
  readonly stateFile?: string;
  readonly rupRegistry?: readonly RupRegistrato[];
  readonly timings?: Partial<SimTimings>;
  /** pino level; default `warn`. */
  readonly logLevel?: string;
  /** When set, the PDND voucher (`Authorization: Bearer …`) must be exactly this. */
  readonly voucher?: string;
  /** When set (SPKI PEM or key), the JWS signature is verified with RS256. */
  readonly jwsPublicKey?: KeyInput | string;
  readonly rateLimit?: RateLimitOptions;
  /** Folder of ANAC's DMN tables (`modello-dati` or its `regole`): verifica and conferma evaluate them. */
  readonly regoleDir?: string;
}

export interface RunningSimulator {
  /** Base URL, e.g. http://127.0.0.1:3100; e-services live under `${url}/<EService>/v2`. */
  readonly url: string;
  readonly admin: SimulatorAdmin;
  close(): Promise<void>;
}

/** Starts the ANAC PCP simulator over HTTP. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const clock = options.clock ?? systemClock;
  const logger = createLogger(options.logLevel ?? 'warn', 'anac-sim');
  const contesto: Contesto = {
    store: new InMemorySimStore(options.stateFile ? new JsonFilePersistence(options.stateFile) : undefined),
    clock,
    ids: options.ids ?? randomIds,
    faults: new FaultPlan(clock, options.random ?? Math.random),
    timings: aggiornaTimings(TIMINGS_PREDEFINITI, options.timings ?? {}),
    ...(options.regoleDir ? { regoleAnac: await caricaRegoleSchede(options.regoleDir) } : {}),
  };
  const calls = new CallsLog();
  const identity = new IdentityCheck({
    registry: options.rupRegistry ?? RUP_REGISTRY_PREDEFINITO,
    ...(options.voucher !== undefined ? { voucher: options.voucher } : {}),
    ...(options.jwsPublicKey !== undefined ? { jwsPublicKey: options.jwsPublicKey } : {}),
  });
  const pipeline = new Pipeline({ contesto, identity, calls, logger });
  const admin = new SimulatorAdminImpl(contesto, calls);
  const legacy = new PipelineLegacy({
    contesto, calls, logger, registry: options.rupRegistry ?? RUP_REGISTRY_PREDEFINITO, ...(options.voucher !== undefined ? { voucher: options.voucher } : {}),
  });
  const limiter = new RateLimiter(clock, options.rateLimit);

  const app = await NestFactory.create<NestExpressApplication>(SimModule.with(pipeline, admin, legacy), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  app.disable('x-powered-by');
  // Every ANAC answer carries the rate-limit headers; the pipeline turns an exceeded window into 429.
  // ANAC's GovWay gateway stamps each answer with its message and transaction ids (what ANAC
  // support asks for) and the client's X-Request-ID is echoed.
  type Req = { path: string; headers: Record<string, string | string[] | undefined> };
  app.use((req: Req, res: { locals: Record<string, unknown>; setHeader(n: string, v: string): void }, next: () => void) => {
    if (!req.path.startsWith('/__admin')) {
      const state = limiter.hit();
      res.locals.rateLimit = state;
      for (const [name, value] of Object.entries(rateLimitHeaders(state))) res.setHeader(name, value);
      res.setHeader('GovWay-Message-ID', contesto.ids.uuid());
      res.setHeader('GovWay-Transaction-ID', contesto.ids.uuid());
      const requestId = req.headers['x-request-id'];
      if (typeof requestId === 'string' && requestId !== '') res.setHeader('X-Request-ID', requestId);
    }
    next();
  });
  // Bodies are read as text and parsed by the pipeline, after the identity checks, so that a
  // malformed body gets ANAC's answer in ANAC's order (401 before 400).
  app.useBodyParser('text', { type: () => true, limit: '10mb' });
  app.useGlobalFilters(new AnacProblemFilter(logger));
  await app.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  logger.info({ url }, 'simulatore ANAC PCP avviato');
  return {
    url,
    admin,
    async close() {
      await app.close();
    },
  };
}
