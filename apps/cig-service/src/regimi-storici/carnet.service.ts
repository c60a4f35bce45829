import { Inject, Injectable } from '@nestjs/common';
import { isCigValido } from '#anac';
import {
  carnetDecider, carnetStream, nonRendicontati, nonTrovato, nonValido, numeroCarnet, registroCarnetDecider, registroCarnetStream, verificaNuovoCarnet,
  type CarnetCommand, type CarnetContext, type CarnetEsistente, type DatiSmartCig,
} from '#domain';
import type { Attore } from '#platform';
import { AggregateStore, type CommandMeta } from '../infrastructure/aggregate-store.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { autorizzaSuUfficio } from '../security/authorization.js';
import type { Azione } from '../security/policy.js';
import { AnacSimog } from '../anac-simog/anac-simog.js';
import { conLock } from './carnet-lock.js';
import type { RichiediCarnetDto } from './regimi.dto.js';
import { Titolari } from '../anagrafica/titolari.js';

/** Labels as SmartCIG showed them (nota SMART CIG 2011: "CARNET ATTIVO", "CIG NON RENDICONTATO", "CIG COMUNICATO"). */
export const ETICHETTA_CARNET: Record<string, string> = { ATTIVO: 'CARNET ATTIVO', SCADUTO: 'CARNET SCADUTO', RENDICONTAZIONE_SCADUTA: 'CARNET SCADUTO - RENDICONTAZIONE SCADUTA' };
export const ETICHETTA_CIG: Record<string, string> = { NON_RENDICONTATO: 'CIG NON RENDICONTATO', COMUNICATO: 'CIG COMUNICATO', ANNULLATO: 'CIG ANNULLATO' };

/** Carnets of 50 SmartCIGs (nota SMART CIG 2011): request, use (communicate or annul each code), deadlines. */
@Injectable()
export class CarnetService {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly anac: AnacSimog,
    private readonly titolari: Titolari,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /**
   * "Richiedi nuovo" → "genera": under a lock per RUP and CdC, the registry decides (at most 2
   * active, no overdue data), ANAC issues the carnet, the carnet and the registry are appended.
   */
  async richiedi(dto: RichiediCarnetDto, attore: Attore, meta: CommandMeta) {
    const t = await this.titolari.risolvi(attore, dto.centroDiCosto, dto.rup);
    const registro = registroCarnetStream(t.centroDiCosto.codice, t.rup.codiceFiscale);
    return conLock(this.runtime.database.pool, registro, async () => {
      const { state } = await this.aggregates.load(registro, registroCarnetDecider);
      const aperti = new Map<string, number>();
      for (const c of state.carnet) {
        const { state: k } = await this.aggregates.load(carnetStream(c.numero), carnetDecider);
        aperti.set(c.numero, k.esiste ? nonRendicontati(k).length : 0);
      }
      const ctxRegistro = { now: this.runtime.clock.now(), newId: () => this.runtime.ids.uuid(), nonRendicontati: (n: string) => aperti.get(n) ?? 0 };
      verificaNuovoCarnet(state, ctxRegistro);
      const richiestaId = meta.causationId;
      const ctx = this.anac.contesto(t);
      const emesso = await this.anac.chiama(richiestaId, ctx, meta, (g) => g.richiediCarnet(ctx, { idRichiesta: meta.idempotencyKey ?? richiestaId }));
      const comando: CarnetCommand = { type: 'RilasciaCarnet', richiestaId, numero: emesso.numero, codici: emesso.codici, ...t, richiestoDa: t.creatoDa };
      const esito = await this.aggregates.execute(carnetStream(emesso.numero), carnetDecider, comando, await this.contesto(), meta);
      const k = esito.state as CarnetEsistente;
      const reg = await this.aggregates.execute(registro, registroCarnetDecider,
        { type: 'RegistraCarnet', numero: k.numero, rilasciatoIl: k.rilasciatoIl, scadenzaIl: k.scadenzaIl, termineRendicontazione: k.termineRendicontazione }, ctxRegistro, meta);
      return { ...this.vista(k), posizione: reg.position ?? esito.position };
    });
  }

  async comunica(numero: string, cig: string, dati: DatiSmartCig, attore: Attore, meta: CommandMeta) {
    return this.suCodice(numero, attore, meta, { type: 'ComunicaCigDelCarnet', cig: cig.toUpperCase(), dati: { ...dati } }, (k, ctx) => (g) =>
      g.comunicaCigCarnet(ctx, { numero: k.numero, cig: cig.toUpperCase(), dati }));
  }

  async annulla(numero: string, cig: string, motivo: string | undefined, attore: Attore, meta: CommandMeta) {
    return this.suCodice(numero, attore, meta, { type: 'AnnullaCigDelCarnet', cig: cig.toUpperCase(), ...(motivo ? { motivo } : {}) }, (k, ctx) => (g) =>
      g.annullaCigCarnet(ctx, { numero: k.numero, cig: cig.toUpperCase() }));
  }

  /** The carnet from its stream (always current): the PDF and the command answers. */
  async carica(input: string, attore: Attore, azione: Azione): Promise<CarnetEsistente> {
    const numero = numeroCarnet(input);
    if (!numero) throw nonValido('NUMERO_CARNET_NON_VALIDO', `Numero di carnet non valido: ${input} (atteso CARNET/NNNNNNN)`, [{ sezione: 'dati di gara', campo: 'numero', codice: 'NUMERO_CARNET_NON_VALIDO', messaggio: 'atteso CARNET/NNNNNNN' }]);
    const { state } = await this.aggregates.load(carnetStream(numero), carnetDecider);
    if (!state.esiste) throw nonTrovato('CARNET_NON_TROVATO', `Carnet ${numero} non trovato`);
    autorizzaSuUfficio(attore, azione, state.ufficio);
    return state;
  }

  vista(k: CarnetEsistente) {
    const codici = k.ordine.map((cig) => k.codici[cig]);
    const conta = (stato: string) => codici.filter((c) => c.stato === stato).length;
    return {
      numero: k.numero, dataCreazione: k.rilasciatoIl, dataScadenza: k.scadenzaIl, termineRendicontazione: k.termineRendicontazione, dimensione: codici.length,
      stato: k.stato, descrizioneStato: ETICHETTA_CARNET[k.stato], cigNonRendicontati: conta('NON_RENDICONTATO'), cigComunicati: conta('COMUNICATO'), cigAnnullati: conta('ANNULLATO'),
    };
  }

  private async suCodice(input: string, attore: Attore, meta: CommandMeta, comando: CarnetCommand,
    chiamata: (k: CarnetEsistente, ctx: ReturnType<AnacSimog['contesto']>) => Parameters<AnacSimog['chiama']>[3]) {
    const k = await this.carica(input, attore, 'carnet.comunica');
    const contesto = await this.contesto();
    if (carnetDecider.decide(comando, k, contesto).length === 0) return { ...this.vista(k), posizione: undefined };
    const ctx = this.anac.contesto(k);
    await this.anac.chiama(k.richiestaId, ctx, meta, chiamata(k, ctx));
    const esito = await this.aggregates.execute(carnetStream(k.numero), carnetDecider, comando, contesto, meta);
    const cig = 'cig' in comando ? (esito.state as CarnetEsistente).codici[comando.cig] : undefined;
    return { ...this.vista(esito.state as CarnetEsistente), cig: cig ? { cig: cig.cig, stato: cig.stato, descrizioneStato: ETICHETTA_CIG[cig.stato], tardiva: cig.tardiva ?? false } : undefined, posizione: esito.position };
  }

  async contesto(): Promise<CarnetContext> {
    return { now: this.runtime.clock.now(), newId: () => this.runtime.ids.uuid(), cigValido: isCigValido, responsabileNelCdc: await this.titolari.responsabileNelCdc() };
  }
}
