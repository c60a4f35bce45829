import { Inject, Injectable } from '@nestjs/common';
import { isCigValido, schedaPcp, type AnacCall, type AnacGateway } from '#anac';
import { appaltoDecider, appaltoStream, DomainError, praticaAnacStream, type AppaltoCommand, type AppaltoEsistente, type AppaltoState, type PraticaAnacEvent } from '#domain';
import { CLOCK, deterministicUuid, ID_GENERATOR, Metrics, type Clock, type IdGenerator, type Logger } from '#platform';
import { AggregateStore, caricatoDopo, type CommandMeta, type Loaded } from '../infrastructure/aggregate-store.js';
import { ANAC_GATEWAY } from './anac.tokens.js';
import { PASSI } from './passi/passi.js';
import type { EsitoPasso, PassoContesto } from './passi/esito-passo.js';
import { ritiroPrimaDellInvio } from './passi/ritiro.js';
import { confine, InterruzioneSimulata } from './punti-di-guasto.js';
import type { Passo, Pratica } from './pratiche.store.js';
import { chiamataAnac } from './trasmissioni.js';
import { osservaScambi } from '../infrastructure/osservazione-anac.js';

/** What can travel as an HTTP header value to ANAC (the request ids we accept or generate always can). */
const ID_TRASMISSIBILE = /^[A-Za-z0-9._:-]{1,128}$/;

/** The appalto as the step found it, read once. */
export interface AppaltoDelPasso {
  readonly appalto: AppaltoEsistente;
  readonly letto: Loaded<AppaltoState>;
}

/** What a step led to: its outcome, and why the appalto refused to record it, if it did. */
export interface PassoEseguito {
  readonly esito: EsitoPasso;
  readonly rifiuto: string | undefined;
  /** The appalto as the step left it (with what its commands appended), for the next step to bring up to date. */
  readonly appalto: AppaltoDelPasso;
}

/**
 * One step of an ANAC practice, on the event store only: run the step against the appalto read
 * once, record every HTTP exchange as an event of the practice, turn the outcome into commands on
 * the appalto. Where the practice is and when it runs again is the worker's business
 * (anac_pratiche); this part is what the steps' spec drives with a fake ANAC on the in-memory store.
 */
@Injectable()
export class EsecutorePasso {
  constructor(
    @Inject(ANAC_GATEWAY) private readonly gateway: AnacGateway,
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    private readonly metrics: Metrics,
  ) {}

  /**
   * The practice's appalto, read once for the whole step; undefined if it does not exist. A step
   * that follows another brings up to date the appalto the previous one left (`precedente`): only
   * what was appended since is read, a withdrawal meanwhile included.
   */
  async appalto(appaltoId: string, precedente?: AppaltoDelPasso): Promise<AppaltoDelPasso | undefined> {
    const letto = precedente
      ? await this.aggregates.refresh(appaltoStream(appaltoId), appaltoDecider, precedente.letto)
      : await this.aggregates.load(appaltoStream(appaltoId), appaltoDecider);
    return letto.state.esiste ? { appalto: letto.state, letto } : undefined;
  }

  /** Runs `passo` of `pratica` (whose claim the worker holds), records its exchanges and outcome. */
  async esegui(pratica: Pratica, passo: Passo, { appalto, letto }: AppaltoDelPasso, ripresa: boolean, logger: Logger): Promise<PassoEseguito> {
    const chiamate: Array<{ contesto: string; call: AnacCall }> = [];
    const contesto = this.contesto({ ...pratica, passo }, appalto, chiamate, ripresa, logger);
    let esito: EsitoPasso;
    try {
      esito = ritiroPrimaDellInvio(pratica, appalto, passo) ?? (await PASSI[passo](contesto));
    } catch (error) {
      if (error instanceof InterruzioneSimulata) throw error;
      logger.error({ err: error, appaltoId: pratica.appaltoId, passo }, 'ANAC practice step failed');
      this.metrics.anacAlarms.inc({ kind: 'step_error' });
      esito = { tipo: 'ritenta', fallimento: { categoria: 'RETRYABLE', errori: [], messaggio: 'Errore interno durante la trasmissione: nuovo tentativo automatico' } };
    }
    await this.registraChiamate(pratica, passo, appalto.rup.codiceFiscale, chiamate);
    const registrato = 'comandi' in esito ? await this.eseguiComandi(pratica, esito.comandi ?? [], letto, logger) : { rifiuto: undefined, letto };
    const dopo = registrato.letto.state.esiste ? { appalto: registrato.letto.state, letto: registrato.letto } : { appalto, letto };
    return { esito, rifiuto: registrato.rifiuto, appalto: dopo };
  }

  /** A step interrupted mid-call is reconciled with ANAC before being repeated: recorded for the log. */
  async registraRiconciliazione(p: Pratica, passo: Passo): Promise<void> {
    const evento: PraticaAnacEvent = {
      type: 'RiconciliazioneAnacAvviata',
      data: { appaltoId: p.appaltoId, praticaId: praticaId(p), passo, motivo: `esito della chiamata interrotta (${p.passo}) sconosciuto: verifica presso ANAC prima di ripeterla`, il: this.clock.now().toISOString() },
    };
    await this.aggregates.append(praticaAnacStream(p.appaltoId), [evento], metaDellaPratica(p, 'riconciliazione'), 'any');
  }

  private contesto(pratica: Pratica, appalto: AppaltoEsistente, chiamate: Array<{ contesto: string; call: AnacCall }>, ripresa: boolean, logger: Logger): PassoContesto {
    return {
      pratica,
      appalto,
      gateway: this.gateway,
      ctx: {
        rup: { codiceFiscale: appalto.rup.codiceFiscale, nome: appalto.rup.nome },
        stazioneAppaltante: appalto.stazioneAppaltante,
        idAppalto: appalto.idAppaltoAnac,
        // The request that opened the practice: ANAC's X-Request-ID, so both logs name it.
        ...(ID_TRASMISSIBILE.test(pratica.richiestaId) ? { requestId: pratica.richiestaId } : {}),
      },
      scheda: () =>
        schedaPcp({
          ...appalto,
          codiceAppalto: appalto.appaltoId,
          terminiInvio: { scadenzaPresentazioneOfferte: appalto.datiGara.scadenzaPresentazioneOfferte, scadenzaPresentazioneInvito: appalto.datiGara.scadenzaPresentazioneInvito },
          urlDocumenti: appalto.datiGara.urlDocumenti,
        }),
      chiama: async (etichetta, call) => {
        confine(pratica.passo, 'prima-invio', ripresa);
        const risultato = await call(this.gateway);
        confine(pratica.passo, 'dopo-risposta', ripresa);
        chiamate.push(...risultato.calls.map((c) => ({ contesto: etichetta, call: c })));
        osservaScambi(logger, this.metrics, { appaltoId: pratica.appaltoId, pratica: pratica.operazione, passo: pratica.passo }, risultato.calls);
        return risultato;
      },
    };
  }

  private async registraChiamate(p: Pratica, passo: Passo, rup: string, chiamate: ReadonlyArray<{ contesto: string; call: AnacCall }>): Promise<void> {
    if (chiamate.length === 0) return;
    const eventi: PraticaAnacEvent[] = chiamate.map(({ contesto, call }) => ({
      type: 'TrasmissioneAnacEseguita',
      data: { appaltoId: p.appaltoId, praticaId: praticaId(p), operazione: p.operazione, passo, tentativo: p.tentativi, perContoDi: rup, chiamata: chiamataAnac(contesto, call) },
    }));
    await this.aggregates.append(praticaAnacStream(p.appaltoId), eventi, metaDellaPratica(p, 'trasmissioni'), 'any');
  }

  /**
   * Turns ANAC's outcome into commands on the appalto. If the appalto refuses one (its state
   * changed meanwhile), the practice ends with that reason instead of retrying forever. The first
   * command is decided on the appalto the step read; a change since then is a retry.
   */
  private async eseguiComandi(p: Pratica, comandi: readonly AppaltoCommand[], letto: Loaded<AppaltoState>, logger: Logger): Promise<{ rifiuto: string | undefined; letto: Loaded<AppaltoState> }> {
    let ultimo = letto;
    for (const [indice, comando] of comandi.entries()) {
      const contesto = { now: this.clock.now(), newId: () => this.ids.uuid(), responsabileNelCdc: () => true, cigValido: isCigValido };
      try {
        // The first command is decided on the appalto the step read; the next ones read it again.
        const stato = indice === 0 ? letto : await this.aggregates.load(appaltoStream(p.appaltoId), appaltoDecider);
        ultimo = caricatoDopo(await this.aggregates.decideAndAppend(appaltoStream(p.appaltoId), appaltoDecider, stato, [comando], contesto, metaDellaPratica(p, `comando-${indice}`), { retryOnConflict: 5 }));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        logger.error({ err: error, appaltoId: p.appaltoId, comando: comando.type }, 'appalto refused the outcome of an ANAC operation');
        this.metrics.anacAlarms.inc({ kind: 'outcome_refused' });
        return { rifiuto: `Esito ANAC non registrabile: ${error.message}`, letto: ultimo };
      }
    }
    return { rifiuto: undefined, letto: ultimo };
  }
}

/** The metadata of what a practice appends: ids derived from the attempt, so a repeat appends the same ids. */
export function metaDellaPratica(p: Pratica, parte: string): CommandMeta {
  return {
    attore: { sistema: 'anac-pcp' },
    correlationId: p.richiestaId,
    causationId: `pratica:${praticaId(p)}:${p.tentativi}`,
    eventIdSeed: `${praticaId(p)}:${p.tentativi}:${parte}`,
  };
}

export function praticaId(p: Pratica): string {
  return deterministicUuid('pratica-anac', p.appaltoId, p.operazione, p.richiestaId);
}
