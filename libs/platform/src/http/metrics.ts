import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { NextFunction, Request, Response } from 'express';

/** Prometheus metrics of one service instance (a registry per instance keeps tests apart). */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly appends = new Counter({
    name: 'event_store_appends_total',
    help: 'Appends committed by this instance, by stream category',
    labelNames: ['category'] as const,
    registers: [this.registry],
  });
  readonly appendedEvents = new Counter({
    name: 'event_store_appended_events_total',
    help: 'Events appended by this instance',
    registers: [this.registry],
  });
  readonly consumerEvents = new Counter({
    name: 'subscription_events_processed_total',
    help: 'Events processed by each consumer',
    labelNames: ['consumer'] as const,
    registers: [this.registry],
  });

  /** Every HTTP exchange with ANAC (PCP), by operation and outcome (OK, KO, ERRORE, ESITO_INCERTO) and HTTP status. */
  readonly anacCalls = new Counter({
    name: 'anac_calls_total',
    help: 'HTTP exchanges with ANAC by operation, outcome and HTTP status (status "none" when no answer arrived)',
    labelNames: ['operation', 'outcome', 'status'] as const,
    registers: [this.registry],
  });
  readonly anacDuration = new Histogram({
    name: 'anac_call_duration_seconds',
    help: 'Latency of the HTTP exchanges with ANAC by operation and outcome',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  /** Repeated calls: `call` a retry inside one step (attempt > 1), `step` a step rescheduled after a failure. */
  readonly anacRetries = new Counter({
    name: 'anac_retries_total',
    help: 'Retries towards ANAC: kind "call" (a further attempt within a step) or "step" (a step rescheduled with backoff)',
    labelNames: ['operation', 'kind'] as const,
    registers: [this.registry],
  });
  readonly anacAlarms = new Counter({
    name: 'anac_alarms_total',
    help: 'Alarms raised about ANAC practices, by kind (waiting_past_threshold, outcome_refused, step_error)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  /** Webhook delivery attempts of this instance by outcome (`ok`, `error`). */
  readonly webhookAttempts = new Counter({
    name: 'webhook_delivery_attempts_total',
    help: 'Webhook delivery attempts of this instance, by outcome (ok, error)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  /** Signed tree heads published to the witnesses (AUDIT_TESTIMONI), by outcome: countersigned, refused, error. */
  readonly auditTestimoni = new Counter({
    name: 'audit_witness_publications_total',
    help: 'Signed tree heads published to witnesses, by outcome (countersigned, refused, error)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private lagGauge: Gauge<'consumer'> | undefined;
  private praticheGauges = false;
  private consegneGauge = false;

  /**
   * Webhook deliveries by state, read from the outbox at every scrape: `pending` (queued or being
   * retried), `failed_attempts` (pending ones whose last attempt failed), `dead_letter` (given up).
   */
  observeConsegne(source: () => Promise<{ readonly inAttesa: number; readonly inErrore: number; readonly scartate: number }>): void {
    if (this.consegneGauge) return;
    this.consegneGauge = true;
    new Gauge({
      name: 'webhook_deliveries',
      help: 'Webhook deliveries by state: pending, failed_attempts (pending after a failed attempt), dead_letter',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const c = await source();
        this.set({ state: 'pending' }, c.inAttesa);
        this.set({ state: 'failed_attempts' }, c.inErrore);
        this.set({ state: 'dead_letter' }, c.scartate);
      },
    });
  }

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Reports each consumer's lag, asked for at every scrape. */
  observeLag(source: () => Promise<ReadonlyArray<{ consumer: string; events: number }>>): void {
    this.lagGauge ??= new Gauge({
      name: 'subscription_lag_events',
      help: 'Events committed but not yet processed, per consumer',
      labelNames: ['consumer'] as const,
      registers: [this.registry],
      async collect() {
        for (const { consumer, events } of await source()) this.set({ consumer }, events);
      },
    });
  }

  /** Reports how often this instance read the log for its consumers (shared reads, catch-up reads). */
  observeLogReads(source: () => { readonly sharedReads: number; readonly catchUpReads: number }): void {
    new Gauge({
      name: 'consumer_log_reads_total',
      help: 'Reads of the log by the consumers of this instance: shared (one per page for all) or catch-up (one consumer behind)',
      labelNames: ['kind'] as const,
      registers: [this.registry],
      collect() {
        const counts = source();
        this.set({ kind: 'shared' }, counts.sharedReads);
        this.set({ kind: 'catch_up' }, counts.catchUpReads);
      },
    });
  }

  /**
   * Reports the ANAC practices not yet finished, asked for at every scrape: how many wait at each
   * step, the age of the oldest at each step, and how many wait past the alert threshold.
   */
  observePratiche(source: () => Promise<{ readonly perPasso: ReadonlyArray<{ passo: string; pratiche: number; etaMassimaS: number }>; readonly oltreSoglia: number }>): void {
    if (this.praticheGauges) return;
    this.praticheGauges = true;
    let ultima: ReturnType<typeof source> | undefined;
    // One query per scrape for the three gauges.
    const leggi = () =>
      (ultima ??= source().finally(() => {
        ultima = undefined;
      }));
    new Gauge({
      name: 'anac_practices_waiting',
      help: 'ANAC practices not yet finished, by the step they wait at',
      labelNames: ['step'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const r of (await leggi()).perPasso) this.set({ step: r.passo }, r.pratiche);
      },
    });
    new Gauge({
      name: 'anac_practice_oldest_age_seconds',
      help: 'Age of the oldest ANAC practice not yet finished, by step (seconds since it was opened)',
      labelNames: ['step'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const r of (await leggi()).perPasso) this.set({ step: r.passo }, r.etaMassimaS);
      },
    });
    new Gauge({
      name: 'anac_practices_waiting_past_threshold',
      help: 'ANAC practices waiting for ANAC for longer than ANAC_ATTESA_ALLARME',
      registers: [this.registry],
      async collect() {
        this.set((await leggi()).oltreSoglia);
      },
    });
  }

  recordAppend(streamId: string, count: number): void {
    this.appends.inc({ category: streamId.split('-')[0] });
    this.appendedEvents.inc(count);
  }

  /** Express middleware timing every request by its route pattern (not its raw URL). */
  httpMiddleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const end = this.httpDuration.startTimer();
      res.on('finish', () => {
        const route = (req.route as { path?: string } | undefined)?.path;
        end({ method: req.method, route: route ? `${req.baseUrl}${route}` : 'unmatched', status: String(res.statusCode) });
      });
      next();
    };
  }
}
