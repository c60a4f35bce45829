import { Inject, Injectable } from '@nestjs/common';
import { generaCig, isCigValido } from '#anac';
import {
  cigDecider, cigStream, conflitto, garaSimogDecider, garaSimogStream, nonTrovato, piuGiorni,
  type CigCommand, type CigEsistente, type GaraSimogCommand, type LottoSimog, type GaraSimogContext, type GaraSimogState, type StatoCig,
} from '#domain';
import type { Attore } from '#platform';
import { AggregateStore, type CommandMeta } from '../infrastructure/aggregate-store.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { autorizzaSuUfficio } from '../security/authorization.js';
import type { Azione } from '../security/policy.js';
import { AnacSimog } from '../anac-simog/anac-simog.js';
import { CigLoader } from '../anac-simog/cig-loader.js';
import type { CancellaCigDto, CreaGaraSimogDto, LottoSimogDto, PubblicazioneDto, RegistrazioneManualeDto } from './regimi.dto.js';
import { Titolari } from '../anagrafica/titolari.js';

type Gara = Extract<GaraSimogState, { esiste: true }>;

/**
 * The assignment of a SIMOG lot's CIG to its own stream, from the gara and the lot's time `il`:
 * the same whether the request does it or the registro-cig-simog consumer repairs it.
 */
export function assegnaCigDelLotto(gara: Gara, lotto: LottoSimog, il: string, giorniPerfezionamento: number): Extract<CigCommand, { type: 'AssegnaCig' }> {
  // Avviso AVCP-SIMOG 2011: "un CIG creato ma non perfezionato in pratica è come se non esistesse": it must be perfected in time.
  const perfezionareEntro = piuGiorni(new Date(il), giorniPerfezionamento).toISOString();
  const richiesta = {
    stazioneAppaltante: gara.stazioneAppaltante, centroDiCosto: gara.centroDiCosto, ufficio: gara.ufficio, rup: gara.rup, creatoDa: gara.creatoDa,
    oggettoProcedura: gara.oggetto, oggetto: lotto.oggetto, importo: lotto.importo, numeroGara: gara.numeroGara, origine: 'ANAC' as const, perfezionareEntro,
  };
  return { type: 'AssegnaCig', cig: lotto.cig, regime: 'SIMOG', appaltoId: gara.garaId, lotIdentifier: lotto.lotIdentifier, richiesta };
}

/**
 * SIMOG use cases (avviso AVCP-SIMOG 2011). Each command is first decided on the current state (the rules of
 * its date refuse it without bothering ANAC), then sent to SIMOG, then decided again with ANAC's
 * answer and appended.
 */
@Injectable()
export class SimogService {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly anac: AnacSimog,
    private readonly titolari: Titolari,
    private readonly cigs: CigLoader,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async creaGara(dto: CreaGaraSimogDto, attore: Attore, meta: CommandMeta) {
    const t = await this.titolari.risolvi(attore, dto.centroDiCosto, dto.rup);
    const garaId = this.runtime.ids.uuid();
    const comando = (numeroGara: string): GaraSimogCommand => ({ type: 'CreaGaraSimog', garaId, numeroGara, oggetto: dto.oggetto, importoComplessivo: dto.importoComplessivo, ...t });
    const ctx = await this.contestoGara();
    garaSimogDecider.decide(comando('0'), garaSimogDecider.initialState, ctx);
    const { numeroGara } = await this.anac.chiama(garaId, this.anac.contesto(t), meta, (g) =>
      g.creaGara(this.anac.contesto(t), { idRichiesta: meta.idempotencyKey ?? garaId, oggetto: dto.oggetto, ...(dto.importoComplessivo ? { importo: dto.importoComplessivo } : {}) }));
    const esito = await this.aggregates.execute(garaSimogStream(garaId), garaSimogDecider, comando(numeroGara), ctx, meta);
    return { id: garaId, numeroGara, posizione: esito.position };
  }

  async aggiungiLotto(garaId: string, dto: LottoSimogDto, attore: Attore, meta: CommandMeta) {
    const gara = await this.gara(garaId, attore, 'simog.gara.modifica');
    const ctx = await this.contestoGara();
    const dati = { oggetto: dto.oggetto, importo: dto.importo, oggettoPrincipale: dto.oggettoPrincipale, ...(dto.cpv ? { cpv: dto.cpv } : {}) };
    garaSimogDecider.decide({ type: 'AggiungiLottoSimog', cig: generaCig('SIMOG_NUMERICO', 1), dati }, gara, ctx);
    const chiamata = this.anac.contesto(gara);
    const { cig } = await this.anac.chiama(garaId, chiamata, meta, (g) =>
      g.creaLotto(chiamata, { idRichiesta: `${garaId}:${meta.idempotencyKey ?? meta.causationId}`, numeroGara: gara.numeroGara, oggetto: dto.oggetto, importo: dto.importo }));
    const esito = await this.aggregates.execute(garaSimogStream(garaId), garaSimogDecider, { type: 'AggiungiLottoSimog', cig, dati }, ctx, meta);
    const lotto = (esito.state as Gara).lotti.find((l) => l.cig === cig)!;
    const aggiunto = esito.events.find((e) => e.type === 'LottoSimogAggiunto' && e.data.lotto.cig === cig);
    const il = aggiunto?.type === 'LottoSimogAggiunto' ? aggiunto.data.il : this.runtime.clock.now().toISOString();
    // Also done by the registro-cig-simog consumer, should the service stop right here.
    const comando = assegnaCigDelLotto(esito.state as Gara, lotto, il, this.runtime.config.SIMOG_GIORNI_PERFEZIONAMENTO);
    const assegnato = await this.aggregates.execute(cigStream(cig), cigDecider, comando, this.cigs.contesto(new Date(il)), meta, { retryOnConflict: 3 });
    return { id: garaId, lotIdentifier: lotto.lotIdentifier, cig, perfezionareEntro: comando.richiesta!.perfezionareEntro, posizione: assegnato.position ?? esito.position };
  }

  async cancellaGara(garaId: string, motivo: string | undefined, attore: Attore, meta: CommandMeta) {
    const gara = await this.gara(garaId, attore, 'simog.gara.cancella');
    const ctx = await this.contestoGara(await this.statiCig(gara));
    const comando: GaraSimogCommand = { type: 'CancellaGaraSimog', ...(motivo ? { motivo } : {}) };
    if (garaSimogDecider.decide(comando, gara, ctx).length === 0) return { id: garaId, stato: gara.stato, posizione: undefined };
    const chiamata = this.anac.contesto(gara);
    await this.anac.chiama(garaId, chiamata, meta, (g) => g.cancellaGara(chiamata, { numeroGara: gara.numeroGara }));
    const esito = await this.aggregates.execute(garaSimogStream(garaId), garaSimogDecider, comando, ctx, meta);
    return { id: garaId, stato: 'CANCELLATA', posizione: esito.position };
  }

  async dettaglio(garaId: string, attore: Attore) {
    const gara = await this.gara(garaId, attore, 'simog.gara.leggi');
    const lotti = await Promise.all(gara.lotti.map(async (l) => {
      const { state } = await this.aggregates.load(cigStream(l.cig), cigDecider);
      return { ...l, statoCig: state.esiste ? state.stato : null, perfezionareEntro: state.esiste ? state.richiesta?.perfezionareEntro ?? null : null, annullamento: state.esiste ? state.annullamento ?? null : null };
    }));
    const { esiste: _e, lotti: _l, ...dati } = gara;
    return { ...dati, id: gara.garaId, lotti };
  }

  // CIG of a SIMOG lot, or registered by hand (POST /cig/...)

  async perfeziona(codice: string, dto: PubblicazioneDto, attore: Attore, meta: CommandMeta) {
    return this.suCig(codice, attore, 'cig.perfeziona', meta, { type: 'PerfezionaCigSimog', pubblicazione: { ...dto } }, (g, ctx, s) =>
      g.perfezionaCig(ctx, { cig: s.cig, dataPubblicazione: dto.dataPubblicazione }));
  }

  async cancella(codice: string, dto: CancellaCigDto, attore: Attore, meta: CommandMeta) {
    return this.suCig(codice, attore, 'cig.cancella', meta, { type: 'CancellaCigSimog', codiceMotivo: dto.codiceMotivo, ...(dto.nota ? { nota: dto.nota } : {}) }, (g, ctx, s) =>
      g.cancellaCig(ctx, { cig: s.cig, codiceMotivo: dto.codiceMotivo, ...(dto.nota ? { nota: dto.nota } : {}) }));
  }

  async richiediAnnullamento(codice: string, dto: { motivazione: string; documentoIdentitaRup: string }, attore: Attore, meta: CommandMeta) {
    const { state: s } = await this.cigs.carica(codice, attore, 'cig.annullamento');
    const rup = s.richiesta?.rup ?? { userId: attore.userId, nome: attore.nome, codiceFiscale: attore.codiceFiscale };
    const comando = (protocollo?: string): CigCommand => ({ type: 'RichiediAnnullamento', motivazione: dto.motivazione, documentoIdentitaRup: dto.documentoIdentitaRup, rup, ...(protocollo ? { protocollo } : {}) });
    if (cigDecider.decide(comando(), s, this.cigs.contesto()).length === 0) return { cig: s.cig, stato: s.stato, annullamento: s.annullamento, posizione: undefined };
    let protocollo: string | undefined;
    if (s.richiesta?.origine === 'ANAC') {
      const ctx = this.anac.contesto(s.richiesta);
      ({ protocollo } = await this.anac.chiama(s.appaltoId, ctx, meta, (g) => g.richiediAnnullamento(ctx, { cig: s.cig, motivazione: dto.motivazione, documentoIdentitaRup: dto.documentoIdentitaRup })));
    }
    const esito = await this.aggregates.execute(cigStream(s.cig), cigDecider, comando(protocollo), this.cigs.contesto(), meta);
    const stato = esito.state as CigEsistente;
    return { cig: s.cig, stato: stato.stato, annullamento: stato.annullamento, posizione: esito.position };
  }

  async esitoAnnullamento(codice: string, dto: { accolto: boolean; motivo?: string }, attore: Attore, meta: CommandMeta) {
    const { state: s } = await this.cigs.carica(codice, attore, 'cig.annullamento.esito');
    const esito = await this.aggregates.execute(cigStream(s.cig), cigDecider, { type: 'RegistraEsitoAnnullamento', accolto: dto.accolto, ...(dto.motivo ? { motivo: dto.motivo } : {}) }, this.cigs.contesto(), meta);
    const stato = esito.state as CigEsistente;
    return { cig: s.cig, stato: stato.stato, annullamento: stato.annullamento, posizione: esito.position };
  }

  /** Avviso AVCP-SIMOG 2011: "inserire a mano il CIG" obtained on SIMOG, checked with ANAC's algorithm. */
  async registraManuale(dto: RegistrazioneManualeDto, attore: Attore, meta: CommandMeta) {
    const cig = this.cigs.codice(dto.cig);
    const t = await this.titolari.risolvi(attore, dto.centroDiCosto, dto.rup);
    const appaltoId = this.runtime.ids.uuid();
    const richiesta = { ...t, oggettoProcedura: dto.oggettoProcedura, oggetto: dto.oggetto, importo: dto.importo, ...(dto.numeroGara ? { numeroGara: dto.numeroGara } : {}), origine: 'MANUALE' as const };
    let esito = await this.aggregates.execute(cigStream(cig), cigDecider, { type: 'AssegnaCig', cig, regime: 'SIMOG', appaltoId, lotIdentifier: cig, richiesta }, this.cigs.contesto(), meta);
    if (esito.events.length === 0) throw conflitto('CIG_GIA_REGISTRATO', `Il CIG ${cig} è già registrato`);
    if (dto.pubblicazione) {
      esito = await this.aggregates.execute(cigStream(cig), cigDecider, { type: 'PerfezionaCigSimog', pubblicazione: { ...dto.pubblicazione } }, this.cigs.contesto(), meta);
    }
    const stato = esito.state as CigEsistente;
    return { cig, id: appaltoId, stato: stato.stato, posizione: esito.position };
  }

  async dettaglioCig(codice: string, attore: Attore) {
    const { esiste: _e, ...s } = (await this.cigs.carica(codice, attore, 'cig.leggi')).state;
    return s;
  }

  private async suCig(codice: string, attore: Attore, azione: Azione, meta: CommandMeta, comando: CigCommand,
    chiamata: (g: Parameters<Parameters<AnacSimog['chiama']>[3]>[0], ctx: ReturnType<AnacSimog['contesto']>, s: CigEsistente) => ReturnType<Parameters<AnacSimog['chiama']>[3]>) {
    const { state: s } = await this.cigs.carica(codice, attore, azione);
    if (cigDecider.decide(comando, s, this.cigs.contesto()).length === 0) return { cig: s.cig, stato: s.stato, posizione: undefined };
    // Codes registered by hand are managed on SIMOG by the user: only their history is kept here.
    if (s.richiesta?.origine === 'ANAC') {
      const ctx = this.anac.contesto(s.richiesta);
      await this.anac.chiama(s.appaltoId, ctx, meta, (g) => chiamata(g, ctx, s));
    }
    const esito = await this.aggregates.execute(cigStream(s.cig), cigDecider, comando, this.cigs.contesto(), meta);
    return { cig: s.cig, stato: (esito.state as CigEsistente).stato, posizione: esito.position };
  }

  private async gara(garaId: string, attore: Attore, azione: Azione): Promise<Gara> {
    const { state } = await this.aggregates.load(garaSimogStream(garaId), garaSimogDecider);
    if (!state.esiste) throw nonTrovato('GARA_NON_TROVATA', `Gara SIMOG ${garaId} non trovata`);
    autorizzaSuUfficio(attore, azione, state.ufficio);
    return state;
  }

  private async statiCig(gara: Gara): Promise<Record<string, StatoCig>> {
    const stati: Record<string, StatoCig> = {};
    for (const l of gara.lotti) {
      const { state } = await this.aggregates.load(cigStream(l.cig), cigDecider);
      if (state.esiste) stati[l.cig] = state.stato;
    }
    return stati;
  }

  private async contestoGara(stati: Record<string, StatoCig> = {}): Promise<GaraSimogContext> {
    return {
      now: this.runtime.clock.now(), newId: () => this.runtime.ids.uuid(), cigValido: isCigValido,
      responsabileNelCdc: await this.titolari.responsabileNelCdc(), statoCig: (cig) => stati[cig],
    };
  }
}
