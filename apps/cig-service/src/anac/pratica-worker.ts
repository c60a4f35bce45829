import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { praticaAnacStream, type PraticaAnacEvent } from '#domain';
import type pg from 'pg';
import { CLOCK, ID_GENERATOR, LOGGER, Metrics, Pausa, type AppConfig, type Clock, type IdGenerator, type Logger } from '#platform';
import { AggregateStore } from '../infrastructure/aggregate-store.js';
import { APP_CONFIG, PG_POOL, RANDOM } from '../infrastructure/tokens.js';
import { EsecutorePasso, metaDellaPratica, praticaId, type AppaltoDelPasso } from './esecutore-passo.js';
import { passoDaIniziare, passoDopoInterruzione } from './passi/passi.js';
import type { EsitoPasso } from './passi/esito-passo.js';
import { confine, guastoDaImpostazione, impostaGuasto } from './punti-di-guasto.js';
import { PraticheStore, type Avanzamento, type Pratica } from './pratiche.store.js';

/** Steps run back to back on one claim when each leads straight to the next. */
const PASSI_DI_FILA = 8;

/**
 * Carries out the ANAC practices: claims due ones (several instances share the work through
 * leases), runs one step each, records every HTTP exchange as an event, turns outcomes into
 * commands on the appalto, and schedules the next step. Survives restarts: what to do next is
 * in `anac_pratiche`, and a step interrupted mid-call is reconciled before being repeated.
 */
@Injectable()
export class PraticaWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly store: PraticheStore;
  private readonly istanza: string;
  private readonly inCorso = new Map<string, Promise<void>>();
  /** Waits whose crossing of the alarm threshold this instance has already recorded. */
  private readonly soglieSegnalate = new Set<string>();
  private attivo = false;
  private ciclo: Promise<void> | undefined;
  private readonly pausa = new Pausa();
  private inErrore = false;
  private readonly logger: Logger;

  constructor(
    private readonly passi: EsecutorePasso,
    private readonly aggregates: AggregateStore,
    @Inject(PG_POOL) pool: pg.Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(RANDOM) private readonly random: () => number,
    private readonly metrics: Metrics,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.store = new PraticheStore(pool);
    this.istanza = `${process.pid}-${ids.uuid()}`;
    this.logger = logger.child({ component: 'anac-pratiche' });
    const guasto = guastoDaImpostazione(config.ANAC_CRASH_AT);
    if (guasto) impostaGuasto(guasto);
    metrics.observePratiche(() =>
      this.store.riepilogo(clock.now(), config.ANAC_ATTESA_ALLARME).catch((err: unknown) => {
        this.logger.debug({ err }, 'cannot read the ANAC practices for the metrics');
        return { perPasso: [], oltreSoglia: 0 };
      }),
    );
  }

  onApplicationBootstrap(): void {
    this.attivo = true;
    this.ciclo = this.esegui();
  }

  async onApplicationShutdown(): Promise<void> {
    this.attivo = false;
    this.pausa.sveglia();
    await this.ciclo;
    await Promise.allSettled(this.inCorso.values());
  }

  /** A new practice was opened: look for work now instead of at the next tick. */
  svegliati(): void {
    this.pausa.sveglia();
  }

  private async esegui(): Promise<void> {
    const { ANAC_WORKER_CONCURRENCY: concorrenza, ANAC_WORKER_TICK_MS: tick } = this.config;
    while (this.attivo) {
      try {
        const liberi = concorrenza - this.inCorso.size;
        const pratiche = liberi > 0 ? await this.store.reclama(this.istanza, liberi, this.config.ANAC_PRACTICE_LEASE_MS) : [];
        for (const p of pratiche) {
          const chiave = `${p.appaltoId}:${p.operazione}`;
          const lavoro = this.processa(p).finally(() => {
            this.inCorso.delete(chiave);
            this.pausa.sveglia();
          });
          this.inCorso.set(chiave, lavoro);
        }
        if (this.inErrore) this.logger.info('ANAC practices can be claimed again');
        this.inErrore = false;
      } catch (error) {
        // Logged once per outage, not at every tick.
        if (!this.inErrore) this.logger.warn({ err: error }, 'cannot claim ANAC practices; retrying at every tick');
        this.inErrore = true;
      }
      await this.pausa.dormi(tick);
    }
  }

  /** Runs the claimed practice's steps one after the other while they lead straight on. */
  private async processa(reclamata: Pratica): Promise<void> {
    // The claim is short (a dead instance's practices come back quickly): renewed while work runs.
    const lease = this.config.ANAC_PRACTICE_LEASE_MS;
    const battito = setInterval(() => {
      this.store.rinnova(reclamata, this.istanza, lease).catch((err: unknown) => this.logger.warn({ err, appaltoId: reclamata.appaltoId }, 'cannot renew the claim of an ANAC practice'));
    }, Math.max(200, Math.floor(lease / 3)));
    try {
      // Taken over from a step that was interrupted: the test crash points are not hit again.
      const ripresa = reclamata.inVolo;
      let corrente: Pratica | undefined = reclamata;
      let appalto: AppaltoDelPasso | undefined;
      // After the first, each step was started by the previous one's `avanza` (in flight already)
      // and brings up to date the appalto the previous one left.
      for (let passi = 0; corrente && passi < PASSI_DI_FILA && this.attivo; passi++) ({ pratica: corrente, appalto } = await this.unPasso(corrente, ripresa, appalto));
      if (corrente) await this.store.rilascia(corrente, this.istanza).catch(() => undefined);
    } finally {
      clearInterval(battito);
    }
  }

  /**
   * One step; returns the practice when the next step is due at once and this worker keeps it,
   * that step already started (counted and in flight, by `avanza`), with the appalto as this step
   * left it. `precedente` is the appalto the previous step left: this step follows it, started.
   */
  private async unPasso(reclamata: Pratica, ripresa: boolean, precedente: AppaltoDelPasso | undefined): Promise<{ pratica?: Pratica; appalto?: AppaltoDelPasso }> {
    const iniziato = precedente !== undefined;
    try {
      const appalto = await this.passi.appalto(reclamata.appaltoId, precedente);
      if (!appalto) {
        await this.store.avanza(reclamata, fine(reclamata, 'RESPINTA', 'appalto inesistente'));
        return {};
      }
      // In flight without having been started here: a step interrupted by a crash, reconciled first.
      const interrotto = reclamata.inVolo && !iniziato;
      const passo = passoDaIniziare(interrotto ? passoDopoInterruzione(reclamata.passo) : reclamata.passo, appalto.appalto);
      if (interrotto) await this.passi.registraRiconciliazione(reclamata, passo);
      const pratica = iniziato && passo === reclamata.passo ? reclamata : await this.store.inizia(reclamata, this.istanza, passo);
      if (!pratica) return {}; // replaced by a newer request meanwhile
      const { esito, rifiuto, appalto: dopo } = await this.passi.esegui(pratica, passo, appalto, ripresa, this.logger);
      // Recorded, the practice not moved on yet: still in flight, the next holder repeats the
      // step (reconciling if it sent something) and the appalto ignores an outcome it already has.
      confine(passo, 'dopo-registrazione', ripresa);
      const avanti = !rifiuto && esito.tipo === 'vai';
      const avanzamento = rifiuto ? fine(pratica, 'RESPINTA', rifiuto) : this.avanzamento({ ...pratica, passo }, esito);
      await this.segnalaAttesaLunga(pratica, avanzamento);
      const aggiornata = await this.store.avanza(pratica, avanzamento, avanti);
      return avanti && aggiornata ? { pratica: aggiornata, appalto: dopo } : {};
    } catch (error) {
      // Database or event store trouble: try again soon; if even that fails, the lease expires.
      this.logger.warn({ err: error, appaltoId: reclamata.appaltoId }, 'ANAC practice interrupted; will resume');
      await this.store.rimanda(reclamata, this.config.ANAC_RETRY_BASE_MS).catch(() => undefined);
      return {};
    }
  }

  private avanzamento(p: Pratica, esito: EsitoPasso): Avanzamento {
    const c = this.config;
    const adesso = this.clock.now();
    switch (esito.tipo) {
      case 'vai':
        return { passo: esito.passo, stato: 'ATTIVA', tra: 0, dati: esito.dati ?? p.dati, tentativiPasso: 0, interrogazioni: 0, ultimoErrore: null, inAttesaDal: null };
      case 'attendi': {
        const tra = Math.min(c.ANAC_POLL_INITIAL_MS * 1.5 ** p.interrogazioni, c.ANAC_POLL_MAX_MS);
        return { passo: p.passo, stato: 'ATTIVA', tra, dati: esito.dati ?? p.dati, tentativiPasso: 0, interrogazioni: p.interrogazioni + 1, ultimoErrore: `In attesa di ANAC: ${esito.motivo}`, inAttesaDal: p.inAttesaDal ?? adesso };
      }
      case 'ritenta': {
        this.metrics.anacRetries.inc({ operation: p.operazione, kind: 'step' });
        const base = Math.min(c.ANAC_RETRY_BASE_MS * 2 ** p.tentativiPasso, c.ANAC_RETRY_MAX_MS);
        const tra = Math.max(base / 2 + this.random() * (base / 2), esito.fallimento.retryAfterMs ?? 0);
        return { passo: p.passo, stato: 'ATTIVA', tra, dati: p.dati, tentativiPasso: p.tentativiPasso + 1, interrogazioni: p.interrogazioni, ultimoErrore: esito.fallimento.messaggio, inAttesaDal: p.inAttesaDal ?? adesso };
      }
      case 'fine':
        return fine(p, esito.stato, null);
    }
  }

  /**
   * A practice still waiting for ANAC past ANAC_ATTESA_ALLARME is logged at every step until ANAC
   * answers, and the crossing is recorded once as `SogliaAttesaAnacSuperata` (webhooks deliver it).
   */
  private async segnalaAttesaLunga(p: Pratica, a: Avanzamento): Promise<void> {
    if (a.stato !== 'ATTIVA' || !a.inAttesaDal) return;
    const adesso = this.clock.now();
    const minuti = Math.floor((adesso.getTime() - a.inAttesaDal.getTime()) / 60_000);
    const soglia = this.config.ANAC_ATTESA_ALLARME;
    if (minuti * 60_000 < soglia) return;
    this.logger.warn({ appaltoId: p.appaltoId, operazione: p.operazione, passo: a.passo, inAttesaDal: a.inAttesaDal.toISOString(), minuti }, 'ANAC practice waiting past the alert threshold');
    this.metrics.anacAlarms.inc({ kind: 'waiting_past_threshold' });
    const attesa = `${praticaId(p)}:${a.inAttesaDal.toISOString()}`;
    if (this.soglieSegnalate.has(attesa)) return;
    const evento: PraticaAnacEvent = {
      type: 'SogliaAttesaAnacSuperata',
      data: { appaltoId: p.appaltoId, praticaId: praticaId(p), operazione: p.operazione, passo: a.passo, inAttesaDal: a.inAttesaDal.toISOString(), sogliaMinuti: Math.round(soglia / 60_000), minuti, il: adesso.toISOString() },
    };
    // The id derives from the wait, not from the attempt: another instance, or this one after a
    // restart, appends the same id and the store keeps the first.
    await this.aggregates.append(praticaAnacStream(p.appaltoId), [evento], { ...metaDellaPratica(p, 'soglia-attesa'), eventIdSeed: `${attesa}:soglia-attesa` }, 'any');
    this.soglieSegnalate.add(attesa);
    if (this.soglieSegnalate.size > 10_000) this.soglieSegnalate.clear();
  }
}

function fine(p: Pratica, stato: 'COMPLETATA' | 'RESPINTA' | 'RITIRATA', errore: string | null): Avanzamento {
  return { passo: p.passo, stato, tra: 0, dati: p.dati, tentativiPasso: 0, interrogazioni: 0, ultimoErrore: errore, inAttesaDal: null };
}
