import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { Observable, type Subscriber } from 'rxjs';
import type { EventStore, RecordedEvent, Subscription } from '#event-store';
import type pg from 'pg';
import { LOGGER, type AppConfig, type Attore, type Logger } from '#platform';
import { ConsumerRegistry } from '../../infrastructure/consumer-registry.js';
import { APP_CONFIG, EVENT_STORE, PG_POOL } from '../../infrastructure/tokens.js';
import { leggeTutto } from '../../security/authorization.js';

/** Events of a CIG's life that change what the listing and a procedure show. */
export const EVENTI_CIG = ['CigAssegnato', 'CigPerfezionato', 'CigUtilizzato', 'CigSostituito', 'CigCancellato', 'CigAnnullato', 'CigScaduto'] as const;

/** What a client receives (`event: cig`): enough to know which rows to read again, and the position to wait for. */
export interface EventoCig {
  readonly tipo: string;
  readonly cig: string;
  readonly appaltoId: string | null;
  readonly lotIdentifier: string | null;
  /** Position of the event: `GET /cig?attendi=` reads the listing once it is there. */
  readonly posizione: string;
}

/** Keep-alive comment, so that proxies do not close an idle stream (ms). */
const BATTITO_MS = 15_000;

/** How long a client waits before reconnecting when the stream closes (SSE `retry:`, ms). */
const RIPROVA_MS = 3_000;

interface Cliente {
  readonly attore: Attore;
  /** The stream's text, chunk by chunk, as the client receives it. */
  readonly uscita: Subscriber<string>;
}

/**
 * Live CIG events for the console: one tail of the log per instance (a subscription from the current end,
 * while at least one client listens), each event sent to the clients of the office it belongs to (auditors,
 * RPCT and administrators receive all). The office is read from the listing once the listing projection has
 * the event, so a client that reloads on the event finds the new row.
 *
 * Each client is an Observable of the stream's text (`flusso`): the query handler returns it, the
 * controller writes it to the response and unsubscribes when the client goes away.
 */
@Injectable()
export class EventiCig implements BeforeApplicationShutdown {
  private readonly clienti = new Set<Cliente>();
  private sottoscrizione: Subscription | undefined;
  private battito: NodeJS.Timeout | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly consumers: ConsumerRegistry,
  ) {}

  /** The stream of the events `attore` may see, in Server-Sent Events text: subscribing joins, unsubscribing leaves. */
  flusso(attore: Attore): Observable<string> {
    return new Observable<string>((uscita) => {
      uscita.next(`retry: ${RIPROVA_MS}\n\n`);
      const cliente: Cliente = { attore, uscita };
      this.clienti.add(cliente);
      if (!this.sottoscrizione) this.avvia();
      return () => {
        if (!this.clienti.delete(cliente)) return;
        if (this.clienti.size === 0) void this.ferma();
      };
    });
  }

  /** Ends every client's stream (they reconnect after `retry`). */
  private chiudiTutti(): void {
    const clienti = [...this.clienti];
    this.clienti.clear();
    for (const c of clienti) c.uscita.complete();
  }

  private avvia(): void {
    const sub = this.eventStore.subscribe({ from: 'end', filter: { eventTypes: EVENTI_CIG } });
    this.sottoscrizione = sub;
    this.battito = setInterval(() => {
      for (const c of this.clienti) c.uscita.next(': battito\n\n');
    }, BATTITO_MS);
    this.battito.unref();
    void (async () => {
      try {
        for await (const m of sub) {
          if (m.kind !== 'events') continue;
          await this.consumers.waitForAll(m.position, this.config.READ_WAIT_MAX_MS, ['listing']);
          for (const e of m.events) await this.distribuisci(e);
        }
      } catch (error) {
        this.logger.warn({ err: error }, 'live CIG events: the tail of the log stopped; clients reconnect');
        this.chiudiTutti();
        await this.ferma();
      }
    })();
  }

  private async distribuisci(e: RecordedEvent): Promise<void> {
    const d = (e.data ?? {}) as { cig?: string; appaltoId?: string; lotIdentifier?: string; richiesta?: { ufficio?: string } };
    if (!d.cig) return;
    const uffici = new Set<string>();
    if (d.richiesta?.ufficio) uffici.add(d.richiesta.ufficio);
    else {
      const r = await this.pool.query<{ ufficio: string; appalto_id: string; lot_identifier: string }>(
        'SELECT ufficio, appalto_id, lot_identifier FROM rm_cig_listing WHERE cig = $1 OR ($2::uuid IS NOT NULL AND appalto_id = $2::uuid)',
        [d.cig, d.appaltoId && /^[0-9a-f-]{36}$/i.test(d.appaltoId) ? d.appaltoId : null],
      );
      for (const row of r.rows) uffici.add(row.ufficio);
    }
    const evento: EventoCig = { tipo: e.type, cig: d.cig, appaltoId: d.appaltoId ?? null, lotIdentifier: d.lotIdentifier ?? null, posizione: String(e.position) };
    const testo = `id: ${evento.posizione}\nevent: cig\ndata: ${JSON.stringify(evento)}\n\n`;
    for (const c of this.clienti) if (leggeTutto(c.attore) || uffici.has(c.attore.ufficio)) c.uscita.next(testo);
  }

  private async ferma(): Promise<void> {
    const sub = this.sottoscrizione;
    this.sottoscrizione = undefined;
    if (this.battito) clearInterval(this.battito);
    this.battito = undefined;
    await sub?.close().catch(() => undefined);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.chiudiTutti();
    await this.ferma();
  }
}
