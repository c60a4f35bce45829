import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type pg from 'pg';
import { inTransazione, LOGGER, Metrics, testimoniConfigurati, type AppConfig, type Clock, type Logger } from '#platform';
import { FORMATO_STH, testaNuda, verificaControfirma, type RispostaTestimone, type TestaFirmata } from '#read-models';
import { APP_CONFIG, PG_POOL, RANDOM, WALL_CLOCK } from '../infrastructure/tokens.js';

/** How often the publisher looks for heads to publish. */
const GIRO_MS = 1_000;
/** Retry backoff towards a witness that did not answer: doubling from this… */
const ATTESA_MINIMA_MS = 1_000;
/** …up to this. */
const ATTESA_MASSIMA_MS = 30_000;
/** Heads published to one witness in one round (the rest in the next ones). */
const PER_GIRO = 100;
const TIMEOUT_MS = 15_000;

export interface Controfirma {
  readonly testimone: string;
  readonly chiave: string;
  readonly firma: string;
  readonly ricevutaIl: string;
}

export interface StatoTestimone {
  readonly testimone: string;
  readonly chiave: string | null;
  readonly chiavePubblica: string | null;
  readonly ultimaDimensioneControfirmata: string | null;
  readonly inAttesa: number;
  readonly tentativi: number;
  readonly prossimoTentativo: string | null;
  readonly ultimoErrore: string | null;
  readonly rifiuto: { readonly tipo: string; readonly dettaglio: string; readonly dimensione: string; readonly rilevatoIl: string } | null;
}

interface RigaTestimone {
  testimone: string;
  chiave: string | null;
  chiave_pubblica: string | null;
  ultima_dimensione: string;
  rifiutata_dimensione: string;
  rifiuto: StatoTestimone['rifiuto'];
  tentativi: number;
  prossimo_tentativo: Date | null;
  ultimo_errore: string | null;
}

class Irraggiungibile extends Error {}

/**
 * Publishes every signed tree head to the witnesses of AUDIT_TESTIMONI (docs/audit.md, "Publishing
 * to witnesses"): each head, in order, is POSTed to `<witness>/testa`; the witness checks it extends
 * the last head it kept and answers its countersignature, verified here and kept in
 * `audit_controfirme`; a 409 is a refusal (split view, rewrite), kept and logged as a warning.
 * What is still to publish is read from the heads themselves (beyond the last size countersigned or
 * refused): a crash or a witness down loses none, the next round catches up. Each witness row is
 * locked while published to, so several instances do not publish the same head at once.
 */
@Injectable()
export class PubblicazioneTeste implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private inCorso: Promise<unknown> = Promise.resolve();
  private chiusura = false;

  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(WALL_CLOCK) private readonly wallClock: Clock,
    @Inject(RANDOM) private readonly random: () => number,
    private readonly metrics: Metrics) {}

  private get testimoni(): string[] {
    return testimoniConfigurati(this.config);
  }

  onApplicationBootstrap(): void {
    if (this.testimoni.length === 0) return;
    let occupato = false;
    this.timer = setInterval(() => {
      if (occupato) return;
      occupato = true;
      this.inCorso = this.giro()
        .catch((error: unknown) => this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'pubblicazione delle teste ai testimoni non riuscita: riprovo al prossimo giro'))
        .finally(() => {
          occupato = false;
        });
    }, GIRO_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.chiusura = true;
    if (this.timer) clearInterval(this.timer);
    await this.inCorso;
  }

  /** One round: every configured witness gets the heads it has not countersigned yet. */
  async giro(): Promise<void> {
    const pool = this.pool;
    const testimoni = this.testimoni;
    if (testimoni.length === 0) return;
    await pool.query('INSERT INTO audit_testimoni (testimone) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [testimoni]);
    for (const testimone of testimoni) {
      if (this.chiusura) return;
      await this.pubblicaA(testimone);
    }
  }

  private async pubblicaA(testimone: string): Promise<void> {
    await inTransazione(this.pool, async (client) => {
      const { rows } = await client.query<RigaTestimone>('SELECT * FROM audit_testimoni WHERE testimone = $1 FOR UPDATE SKIP LOCKED', [testimone]);
      const riga = rows[0];
      const adesso = this.wallClock.now();
      if (!riga || (riga.prossimo_tentativo && riga.prossimo_tentativo > adesso)) return;
      const { rows: teste } = await client.query<TestaFirmata>(
        `SELECT s.dimensione::text AS dimensione, s.radice, s.timestamp, s.chiave, s.firma FROM rm_audit_sth s
          WHERE s.dimensione > GREATEST($1::bigint, $2::bigint) ORDER BY s.dimensione LIMIT ${PER_GIRO}`,
        [riga.ultima_dimensione, riga.rifiutata_dimensione],
      );
      let chiave = riga.chiave;
      for (const testa of teste) {
        if (this.chiusura) break;
        let risposta: { status: number; body: unknown };
        try {
          risposta = await this.invia(testimone, testa);
        } catch (error) {
          const tentativi = riga.tentativi + 1;
          const attesa = Math.min(ATTESA_MASSIMA_MS, ATTESA_MINIMA_MS * 2 ** Math.min(tentativi - 1, 10)) * (0.75 + 0.5 * this.random());
          const messaggio = error instanceof Error ? error.message : String(error);
          await client.query('UPDATE audit_testimoni SET tentativi = $2, prossimo_tentativo = $3, ultimo_errore = $4 WHERE testimone = $1', [
            testimone,
            tentativi,
            new Date(adesso.getTime() + attesa),
            messaggio,
          ]);
          this.metrics.auditTestimoni.inc({ outcome: 'error' });
          this.logger.info({ testimone, dimensione: testa.dimensione, tentativi, err: messaggio }, 'testimone non raggiungibile: la testa sarà ripubblicata');
          break;
        }
        if (risposta.status === 200) {
          const esito = verificaControfirma(testa, risposta.body as RispostaTestimone, chiave);
          if (esito.valida) {
            const r = risposta.body as RispostaTestimone;
            chiave = esito.chiave;
            await client.query(
              `INSERT INTO audit_controfirme (dimensione, testimone, chiave, firma, ricevuta_il) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (dimensione, testimone) DO UPDATE SET chiave = EXCLUDED.chiave, firma = EXCLUDED.firma, ricevuta_il = EXCLUDED.ricevuta_il`,
              [testa.dimensione, testimone, r.testimone, r.firma, this.wallClock.now()],
            );
            await client.query(
              `UPDATE audit_testimoni SET chiave = $2, chiave_pubblica = COALESCE(chiave_pubblica, $3), ultima_dimensione = GREATEST(ultima_dimensione, $4::bigint), tentativi = 0,
                      prossimo_tentativo = NULL, ultimo_errore = NULL, rifiuto = NULL WHERE testimone = $1`,
              [testimone, r.testimone, r.chiavePubblica, testa.dimensione],
            );
            this.metrics.auditTestimoni.inc({ outcome: 'countersigned' });
            continue;
          }
          await this.rifiuto(client, testimone, testa, esito.tipo, `controfirma non accettata: ${esito.dettaglio}`);
          break;
        }
        if (risposta.status === 409 || risposta.status === 422) {
          const p = (risposta.body ?? {}) as { code?: string; detail?: string };
          await this.rifiuto(client, testimone, testa, p.code ?? 'RIFIUTATA', p.detail ?? `HTTP ${risposta.status}`);
          continue;
        }
        await client.query('UPDATE audit_testimoni SET tentativi = tentativi + 1, prossimo_tentativo = $2, ultimo_errore = $3 WHERE testimone = $1', [
          testimone,
          new Date(adesso.getTime() + ATTESA_MASSIMA_MS),
          `HTTP ${risposta.status}`,
        ]);
        this.metrics.auditTestimoni.inc({ outcome: 'error' });
        break;
      }
    });
  }

  private async rifiuto(client: { query: (q: string, v: unknown[]) => Promise<unknown> }, testimone: string, testa: TestaFirmata, tipo: string, dettaglio: string): Promise<void> {
    const rifiuto = { tipo, dettaglio, dimensione: testa.dimensione, rilevatoIl: this.wallClock.now().toISOString() };
    await client.query('UPDATE audit_testimoni SET rifiutata_dimensione = $2, rifiuto = $3, tentativi = 0, prossimo_tentativo = NULL, ultimo_errore = NULL WHERE testimone = $1', [
      testimone,
      testa.dimensione,
      JSON.stringify(rifiuto),
    ]);
    this.metrics.auditTestimoni.inc({ outcome: 'refused' });
    this.logger.warn({ testimone, dimensione: testa.dimensione, radice: testa.radice, tipo, dettaglio }, 'il testimone rifiuta la testa firmata del registro di audit');
  }

  private async invia(testimone: string, testa: TestaFirmata): Promise<{ status: number; body: unknown }> {
    try {
      const res = await fetch(`${testimone}/testa`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, application/problem+json' },
        body: JSON.stringify({ formato: FORMATO_STH, ...testaNuda(testa) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const testo = await res.text();
      let body: unknown;
      try {
        body = testo ? JSON.parse(testo) : undefined;
      } catch {
        body = undefined;
      }
      return { status: res.status, body };
    } catch (error) {
      throw new Irraggiungibile(`POST ${testimone}/testa: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`);
    }
  }

  /** The countersignatures of the head of size `dimensione`. */
  async controfirme(dimensione: string): Promise<Controfirma[]> {
    const { rows } = await this.pool.query<{ testimone: string; chiave: string; firma: string; ricevuta_il: Date }>(
      'SELECT testimone, chiave, firma, ricevuta_il FROM audit_controfirme WHERE dimensione = $1 ORDER BY testimone',
      [dimensione],
    );
    return rows.map((r) => ({ testimone: r.testimone, chiave: r.chiave, firma: r.firma, ricevutaIl: r.ricevuta_il.toISOString() }));
  }

  /** Each configured witness: its key, the last size it countersigned, what is still to publish, its refusal if any. */
  async stato(): Promise<StatoTestimone[]> {
    const testimoni = this.testimoni;
    if (testimoni.length === 0) return [];
    const { rows } = await this.pool.query<RigaTestimone & { in_attesa: string }>(
      `SELECT t.*, (SELECT count(*) FROM rm_audit_sth s WHERE s.dimensione > GREATEST(t.ultima_dimensione, t.rifiutata_dimensione))::text AS in_attesa
         FROM audit_testimoni t WHERE t.testimone = ANY($1::text[])`,
      [testimoni],
    );
    const per = new Map(rows.map((r) => [r.testimone, r]));
    return testimoni.map((testimone) => {
      const r = per.get(testimone);
      return {
        testimone,
        chiave: r?.chiave ?? null,
        chiavePubblica: r?.chiave_pubblica ?? null,
        ultimaDimensioneControfirmata: r && r.ultima_dimensione !== '0' ? r.ultima_dimensione : null,
        inAttesa: r ? Number(r.in_attesa) : 0,
        tentativi: r?.tentativi ?? 0,
        prossimoTentativo: r?.prossimo_tentativo?.toISOString() ?? null,
        ultimoErrore: r?.ultimo_errore ?? null,
        rifiuto: r?.rifiuto ?? null,
      };
    });
  }
}
