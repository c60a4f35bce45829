import { Inject, Injectable } from '@nestjs/common';
import { isCigValido, type SimogCallContext, type SimogGateway, type SimogResult } from '#anac';
import { carnetDecider, carnetStream, nonTrovato, nonValido, numeroCarnet, type CarnetCommand, type CarnetContext, type CarnetEsistente } from '#domain';
import { CLOCK, ID_GENERATOR, type Attore, type Clock, type IdGenerator } from '#platform';
import { Titolari } from '../anagrafica/titolari.js';
import { AnacSimog } from '../anac-simog/anac-simog.js';
import { AggregateStore, type CommandMeta, type Loaded } from '../infrastructure/aggregate-store.js';
import { autorizzaSuUfficio } from '../security/authorization.js';
import type { Azione } from '../security/policy.js';

/** Labels as SmartCIG showed them (nota SMART CIG 2011: "CARNET ATTIVO", "CIG NON RENDICONTATO", "CIG COMUNICATO"). */
export const ETICHETTA_CARNET: Record<string, string> = { ATTIVO: 'CARNET ATTIVO', SCADUTO: 'CARNET SCADUTO', RENDICONTAZIONE_SCADUTA: 'CARNET SCADUTO - RENDICONTAZIONE SCADUTA' };
export const ETICHETTA_CIG: Record<string, string> = { NON_RENDICONTATO: 'CIG NON RENDICONTATO', COMUNICATO: 'CIG COMUNICATO', ANNULLATO: 'CIG ANNULLATO' };

/** What the carnet use cases share (nota SMART CIG 2011): a carnet's stream read once and authorised on, its view, the decider's context. */
@Injectable()
export class Carnets {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly anac: AnacSimog,
    private readonly titolari: Titolari,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** The carnet from its stream (always current): the PDF and the commands. */
  async carica(input: string, attore: Attore, azione: Azione): Promise<Loaded<CarnetEsistente>> {
    const numero = numeroCarnet(input);
    if (!numero) throw nonValido('NUMERO_CARNET_NON_VALIDO', `Numero di carnet non valido: ${input} (atteso CARNET/NNNNNNN)`, [{ sezione: 'dati di gara', campo: 'numero', codice: 'NUMERO_CARNET_NON_VALIDO', messaggio: 'atteso CARNET/NNNNNNN' }]);
    const caricato = await this.aggregates.load(carnetStream(numero), carnetDecider);
    const { state } = caricato;
    if (!state.esiste) throw nonTrovato('CARNET_NON_TROVATO', `Carnet ${numero} non trovato`);
    autorizzaSuUfficio(attore, azione, state.ufficio);
    return { ...caricato, state };
  }

  vista(k: CarnetEsistente) {
    const codici = k.ordine.map((cig) => k.codici[cig]);
    const conta = (stato: string) => codici.filter((c) => c.stato === stato).length;
    return {
      numero: k.numero, dataCreazione: k.rilasciatoIl, dataScadenza: k.scadenzaIl, termineRendicontazione: k.termineRendicontazione, dimensione: codici.length,
      stato: k.stato, descrizioneStato: ETICHETTA_CARNET[k.stato], cigNonRendicontati: conta('NON_RENDICONTATO'), cigComunicati: conta('COMUNICATO'), cigAnnullati: conta('ANNULLATO'),
    };
  }

  /**
   * A command on one code of a carnet: the carnet read once and authorised on, decided (nothing to
   * do answers the carnet), sent to SmartCIG, appended on the state read.
   */
  async suCodice(input: string, attore: Attore, meta: CommandMeta, comando: Extract<CarnetCommand, { cig: string }>,
    chiamata: (g: SimogGateway, ctx: SimogCallContext, k: CarnetEsistente) => Promise<SimogResult<unknown>>) {
    const caricato = await this.carica(input, attore, 'carnet.comunica');
    const k = caricato.state;
    const contesto = await this.contesto();
    if (carnetDecider.decide(comando, k, contesto).length === 0) return { ...this.vista(k), posizione: undefined };
    const ctx = this.anac.contesto(k);
    await this.anac.chiama(k.richiestaId, ctx, meta, (g) => chiamata(g, ctx, k));
    // SmartCIG has answered: another code of the carnet used meanwhile is decided again, not refused.
    const esito = await this.aggregates.decideAndAppend(carnetStream(k.numero), carnetDecider, caricato, [comando], contesto, meta, { retryOnConflict: 3 });
    const cig = (esito.state as CarnetEsistente).codici[comando.cig];
    return { ...this.vista(esito.state as CarnetEsistente), cig: cig ? { cig: cig.cig, stato: cig.stato, descrizioneStato: ETICHETTA_CIG[cig.stato], tardiva: cig.tardiva ?? false } : undefined, posizione: esito.position };
  }

  async contesto(): Promise<CarnetContext> {
    return { now: this.clock.now(), newId: () => this.ids.uuid(), cigValido: isCigValido, responsabileNelCdc: await this.titolari.responsabileNelCdc() };
  }
}
