import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { handleAll, retry, timeout, TimeoutStrategy, wrap } from 'cockatiel';
import type pg from 'pg';
import { LOGGER, Metrics, Pausa, type AppConfig, type Clock, type Logger } from '#platform';
import { APP_CONFIG, PG_POOL, RANDOM, WALL_CLOCK } from '../infrastructure/tokens.js';
import { CifraSegreti } from './cifra-segreti.js';
import { firmaWebhook, INTESTAZIONI_WEBHOOK } from './firma.js';
import { backoffEsponenziale, dopoFallimento, type OpzioniRitentativi } from './politica-consegna.js';
import { WebhookStore, type ConsegnaDaInviare } from './webhook.store.js';

/** Advisory lock of the delivery worker (two-key form): one active worker per database. */
const LOCK_CLASS = 0x5748;
const LOCK_ID = 1;

class ConsegnaFallita extends Error {}

/**
 * Sends the outbox: one active worker across instances (advisory lock), the head of each queue
 * (subscription, appalto) at a time so each appalto's events arrive in log order, at least once.
 * A round tries a few times at once (cockatiel retry with exponential backoff, each attempt under a
 * timeout); a failed round is retried later with a growing wait, until WEBHOOK_DEAD_LETTER_MS from
 * queuing sends the row to the dead letter (SCARTATA) and the queue moves on. Every attempt is
 * logged with its HTTP status, latency and error.
 */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private attivo = false;
  private ciclo: Promise<void> | undefined;
  private readonly pausa = new Pausa();
  private readonly inCorso = new Map<string, Promise<void>>();
  /**
   * Deliveries that ended since the current look-up began: that look-up may have read them before
   * their end was committed, still as heads of their queue, and must not send them again.
   */
  private readonly concluse = new Set<string>();
  private lock: pg.PoolClient | undefined;
  /** Aborted at shutdown: deliveries in flight stop at once (the service must stop within seconds) and are retried later. */
  private readonly arresto = new AbortController();
  private readonly logger: Logger;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(WALL_CLOCK) private readonly wallClock: Clock,
    @Inject(RANDOM) private readonly random: () => number,
    private readonly metrics: Metrics,
    @Inject(LOGGER) logger: Logger,
    private readonly cifra: CifraSegreti,
  ) {
    this.logger = logger.child({ component: 'webhook' });
    metrics.observeConsegne(() =>
      WebhookStore.riepilogo(pool).catch((err: unknown) => {
        this.logger.debug({ err }, 'cannot read the webhook deliveries for the metrics');
        return { inAttesa: 0, inErrore: 0, scartate: 0 };
      }),
    );
  }

  onApplicationBootstrap(): void {
    this.attivo = true;
    this.ciclo = this.esegui();
  }

  async onApplicationShutdown(): Promise<void> {
    this.attivo = false;
    this.arresto.abort();
    this.pausa.sveglia();
    await this.ciclo;
    await Promise.allSettled(this.inCorso.values());
    await this.rilasciaLock();
  }

  /** New rows were queued: look now rather than at the next tick. */
  svegliati(): void {
    this.pausa.sveglia();
  }

  private get opzioni(): OpzioniRitentativi {
    const c = this.config;
    return { baseMs: c.WEBHOOK_RETRY_BASE_MS, massimoMs: c.WEBHOOK_RETRY_MAX_MS, letteraMortaMs: c.WEBHOOK_DEAD_LETTER_MS };
  }

  private async esegui(): Promise<void> {
    const { WEBHOOK_TICK_MS: tick, WEBHOOK_CONCURRENCY: concorrenza } = this.config;
    while (this.attivo) {
      try {
        if (await this.haLock()) {
          const liberi = concorrenza - this.inCorso.size;
          this.concluse.clear();
          const dovute = liberi > 0 ? await WebhookStore.dovute(this.pool, this.wallClock.now(), concorrenza * 4) : [];
          for (const c of dovute) {
            const coda = `${c.sottoscrizioneId}:${c.chiave}`;
            if (this.inCorso.has(coda) || this.concluse.has(c.id) || this.inCorso.size >= concorrenza) continue;
            this.inCorso.set(coda, this.consegna(c).finally(() => {
              this.concluse.add(c.id);
              this.inCorso.delete(coda);
              this.pausa.sveglia();
            }));
          }
        }
      } catch (error) {
        this.logger.warn({ err: error }, 'webhook deliveries interrupted; retrying at the next tick');
        await this.rilasciaLock();
      }
      await this.pausa.dormi(tick);
    }
  }

  private async haLock(): Promise<boolean> {
    if (this.lock) return true;
    const client = await this.pool.connect();
    client.on('error', () => undefined);
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [LOCK_CLASS, LOCK_ID]).catch((error: unknown) => {
      client.release(true);
      throw error;
    });
    if (!rows[0]?.ok) {
      client.release();
      return false;
    }
    this.lock = client;
    return true;
  }

  private async rilasciaLock(): Promise<void> {
    const client = this.lock;
    this.lock = undefined;
    if (!client) return;
    await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, LOCK_ID]).catch(() => undefined);
    client.release();
  }

  /** One round of a delivery: a few immediate attempts, then delivered, rescheduled or dead-lettered. */
  private async consegna(c: ConsegnaDaInviare): Promise<void> {
    const { config, wallClock, pool, random } = this;
    let numero = c.tentativi;
    const politica = wrap(
      retry(handleAll, { maxAttempts: Math.max(0, config.WEBHOOK_IMMEDIATE_ATTEMPTS - 1), backoff: backoffEsponenziale(this.opzioni) }),
      timeout(config.WEBHOOK_TIMEOUT_MS, TimeoutStrategy.Aggressive),
    );
    try {
      await politica.execute(async ({ signal }) => {
        numero += 1;
        const inizio = wallClock.now();
        const esito = await this.invia(c, numero, signal);
        const latenzaMs = Math.max(0, wallClock.now().getTime() - inizio.getTime());
        this.metrics.webhookAttempts.inc({ outcome: esito.ok ? 'ok' : 'error' });
        // A successful attempt ends the delivery in the same statement that records it.
        const tentativo = { numero, il: inizio, esito: esito.ok ? 'OK' : 'ERRORE', statoHttp: esito.stato, latenzaMs, errore: esito.errore } as const;
        await WebhookStore.registraTentativo(pool, c.id, tentativo, esito.ok ? wallClock.now() : undefined);
        if (!esito.ok) throw new ConsegnaFallita(esito.errore ?? 'errore');
      }, this.arresto.signal);
    } catch (error) {
      if (!(error instanceof ConsegnaFallita) && !(error instanceof Error && error.name === 'TaskCancelledError')) {
        this.logger.warn({ err: error, consegna: c.id }, 'webhook delivery round failed');
      }
      const adesso = wallClock.now();
      const dopo = dopoFallimento({ creataIl: c.creataIl, fallimenti: Math.max(1, numero) }, adesso, this.opzioni, random);
      if (dopo.stato === 'SCARTATA') await WebhookStore.scartata(pool, c.id, adesso).catch(() => undefined);
      else await WebhookStore.rimandata(pool, c.id, dopo.prossimoTentativo).catch(() => undefined);
    }
  }

  /** One HTTP POST; never throws: the outcome says what happened. */
  private async invia(c: ConsegnaDaInviare, numero: number, signal: AbortSignal): Promise<{ ok: boolean; stato: number | null; errore: string | null }> {
    let segreto: string;
    try {
      segreto = this.cifra.decifra(c.segreto);
    } catch {
      return { ok: false, stato: null, errore: 'segreto non decifrabile: WEBHOOK_SECRETS_KEY diversa da quella con cui fu registrato' };
    }
    const corpo = JSON.stringify(c.corpo);
    const timestamp = String(Math.floor(this.wallClock.now().getTime() / 1000));
    const h = INTESTAZIONI_WEBHOOK;
    try {
      const risposta = await fetch(c.url, {
        method: 'POST',
        redirect: 'manual',
        signal,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'cig-ledger-webhook/1',
          [h.evento]: c.eventoId,
          [h.tipo]: c.tipo,
          [h.consegna]: c.id,
          [h.timestamp]: timestamp,
          [h.firma]: firmaWebhook(segreto, timestamp, corpo),
          // Sent again (a retry, or a replay): the receiver may have it already.
          [h.ripetizione]: String(c.ripetizione || numero > 1),
        },
        body: corpo,
      });
      await risposta.arrayBuffer().catch(() => undefined);
      const ok = risposta.status >= 200 && risposta.status < 300;
      return { ok, stato: risposta.status, errore: ok ? null : `risposta HTTP ${risposta.status}` };
    } catch (error) {
      if (this.arresto.signal.aborted) return { ok: false, stato: null, errore: 'interrotto: il servizio si sta arrestando' };
      return { ok: false, stato: null, errore: descriviErrore(error, signal) };
    }
  }
}

function descriviErrore(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'tempo scaduto (WEBHOOK_TIMEOUT_MS)';
  const causa = (error as { cause?: { code?: string; message?: string } }).cause;
  if (causa?.code === 'ECONNREFUSED') return 'connessione rifiutata (ECONNREFUSED)';
  if (causa?.code) return `errore di rete (${causa.code})`;
  return `errore di rete: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
}
