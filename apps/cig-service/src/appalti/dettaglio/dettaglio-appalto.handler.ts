import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { appaltoStream } from '#domain';
import type pg from 'pg';
import { CLOCK, type AppConfig, type Clock } from '#platform';
import { LettoreParametri } from '#read-models';
import { PraticheStore } from '../../anac/pratiche.store.js';
import { OsservatoreStream } from '../../infrastructure/osservatore-stream.js';
import { APP_CONFIG, PG_POOL } from '../../infrastructure/tokens.js';
import { ComandiAppalto, type AppaltoCaricato } from '../comandi-appalto.js';
import { DettaglioAppalto, type VistaConAzioni } from './dettaglio-appalto.query.js';
import { vistaAppalto } from './vista-appalto.js';
import { azioniConsentite } from './azioni-consentite.js';

/** The longest blocking read (s), and the default when `dopoRevisione` is given without `attesa`. */
export const ATTESA_MAX_S = 25;
const ATTESA_PREDEFINITA_S = 20;

@QueryHandler(DettaglioAppalto)
export class DettaglioAppaltoHandler implements IQueryHandler<DettaglioAppalto> {
  constructor(
    private readonly appalti: ComandiAppalto,
    private readonly osservatore: OsservatoreStream,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * With `dopoRevisione=N` the answer waits, up to `attesa` seconds, for the appalto to go past
   * revision N (the `revisione` of the view the client holds): a client following its request to
   * ANAC and back asks once per change instead of polling. With `attendiEsito=si` as well, it also
   * waits through the changes made while an operation with ANAC is in progress (ANAC's id of the
   * draft recorded, an avviso awaiting publication) until the operation has an outcome: one
   * request from the conferma to the CIGs or the refusal. Authorized before the wait (on the
   * office this instance remembers, or on a read) and again on the view it answers with.
   */
  async execute({ appaltoId, attore, parametri }: DettaglioAppalto): Promise<VistaConAzioni> {
    const p = new LettoreParametri(parametri, ['dopoRevisione', 'attesa', 'attendiEsito'], 'dettaglio della richiesta');
    const dopo = p.intero('dopoRevisione', 0, 999_999_999);
    const attesa = p.intero('attesa', 0, ATTESA_MAX_S);
    const esito = p.siNo('attendiEsito');
    if (attesa !== undefined && dopo === undefined) p.errore('attesa', 'vale solo insieme a dopoRevisione', 'PARAMETRO_NON_VALIDO');
    if (esito !== undefined && dopo === undefined) p.errore('attendiEsito', 'vale solo insieme a dopoRevisione', 'PARAMETRO_NON_VALIDO');
    p.verifica();
    // The answer must leave before the request timeout (REQUEST_TIMEOUT_MS) cuts it.
    const limite = Math.max(0, Math.min(ATTESA_MAX_S * 1000, this.config.REQUEST_TIMEOUT_MS - 5_000));
    const scadenza = performance.now() + Math.min((attesa ?? ATTESA_PREDEFINITA_S) * 1000, limite);
    const stream = appaltoStream(appaltoId);
    let letto: AppaltoCaricato;
    if (dopo !== undefined && this.appalti.autorizzaSeNoto(appaltoId, attore, 'appalto.leggi')) {
      // An appalto this instance knows: authorized on its office, read once after the wait (whose
      // first check sees a revision already passed).
      await this.osservatore.attendi(stream, BigInt(dopo), scadenza - performance.now());
      letto = await this.appalti.carica(appaltoId, attore, 'appalto.leggi');
    } else {
      letto = await this.appalti.carica(appaltoId, attore, 'appalto.leggi');
      if (dopo !== undefined && (letto.letto.revision ?? -1n) <= BigInt(dopo) && (await this.osservatore.attendi(stream, BigInt(dopo), scadenza - performance.now()))) {
        letto = await this.appalti.carica(appaltoId, attore, 'appalto.leggi');
      }
    }
    // Through the steps of an operation in progress, one read per change, until its outcome.
    while (esito && letto.appalto.operazioneInCorso && (await this.osservatore.attendi(stream, letto.letto.revision ?? -1n, scadenza - performance.now()))) {
      letto = await this.appalti.carica(appaltoId, attore, 'appalto.leggi');
    }
    const { appalto } = letto;
    const pratiche = await new PraticheStore(this.pool).diAppalto(appaltoId);
    // What the caller may do now (console: ritiro, pubblicazione, modifica dell'avviso), by the
    // commands' own rules, on the directory as the identity check reads it (each command reads it afresh).
    const contesto = this.appalti.contesto(await this.appalti.anagraficaRecente());
    return {
      ...vistaAppalto(appalto, pratiche, this.clock.now(), this.config.ANAC_ATTESA_ALLARME),
      revisione: Number(letto.letto.revision ?? -1n),
      azioni: azioniConsentite(appalto, attore, contesto),
    };
  }
}
