import { Controller, Get, Inject, Injectable, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventStore, RecordedEvent, Subscription } from '#event-store';
import type pg from 'pg';
import { LOGGER, type AppConfig, type Attore, type Logger } from '#platform';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import { APP_CONFIG, EVENT_STORE, PG_POOL } from '../infrastructure/tokens.js';
import { leggeTutto } from '../security/authorization.js';
import { AttoreCorrente, Permesso } from '../security/auth.guard.js';

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

interface Cliente {
  readonly attore: Attore;
  readonly res: Response;
}

/**
 * Live CIG events for the console: one tail of the log per instance (a subscription from the current end,
 * while at least one client listens), each event sent to the clients of the office it belongs to (auditors,
 * RPCT and administrators receive all). The office is read from the listing once the listing projection has
 * the event, so a client that reloads on the event finds the new row.
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

  aggiungi(cliente: Cliente): () => void {
    this.clienti.add(cliente);
    if (!this.sottoscrizione) this.avvia();
    return () => {
      this.clienti.delete(cliente);
      if (this.clienti.size === 0) void this.ferma();
    };
  }

  private avvia(): void {
    const sub = this.eventStore.subscribe({ from: 'end', filter: { eventTypes: EVENTI_CIG } });
    this.sottoscrizione = sub;
    this.battito = setInterval(() => {
      for (const c of this.clienti) c.res.write(': battito\n\n');
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
        for (const c of this.clienti) c.res.end();
        this.clienti.clear();
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
    for (const c of this.clienti) if (leggeTutto(c.attore) || uffici.has(c.attore.ufficio)) c.res.write(testo);
  }

  private async ferma(): Promise<void> {
    const sub = this.sottoscrizione;
    this.sottoscrizione = undefined;
    if (this.battito) clearInterval(this.battito);
    this.battito = undefined;
    await sub?.close().catch(() => undefined);
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const c of this.clienti) c.res.end();
    this.clienti.clear();
    await this.ferma();
  }
}

@ApiTags('console')
@ApiBearerAuth()
@Controller('eventi')
export class EventiController {
  constructor(private readonly eventi: EventiCig) {}

  @Get()
  @Permesso('cig.leggi')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: "Eventi dei CIG dell'ufficio in tempo reale (Server-Sent Events, `event: cig`): CIG assegnato, perfezionato, utilizzato, cancellato…" })
  flusso(@AttoreCorrente() attore: Attore, @Res() res: Response): void {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    const togli = this.eventi.aggiungi({ attore, res });
    // The response closes when the client goes away (the request's own 'close' fires once it is read).
    res.on('close', togli);
  }
}
