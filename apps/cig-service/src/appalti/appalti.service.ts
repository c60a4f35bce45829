import { Inject, Injectable } from '@nestjs/common';
import { isCigValido } from '#anac';
import {
  appaltoDecider,
  appaltoStream,
  copiaAppalto,
  nonTrovato,
  statoRichiesta,
  type AppaltoCommand,
  type AppaltoContext,
  type AppaltoEsistente,
  type AppaltoState,
  type DatiLotto,
} from '#domain';
import type { Position } from '#event-store';
import { CLOCK, ID_GENERATOR, type Attore, type Clock, type IdGenerator } from '#platform';
import { Titolari } from '../anagrafica/titolari.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { contestoRegoleAnac } from '../regole/regole-anac.js';
import { AggregateStore, type CommandMeta } from '../infrastructure/aggregate-store.js';
import { autorizzaSuUfficio } from '../security/authorization.js';
import type { Azione } from '../security/policy.js';
import type { CreaAppaltoDto } from './appalto.dto.js';

/** Enough for as many concurrent writers to one appalto as a team can realistically have. */
const RIPROVE_SICURE = 16;

export interface EsitoComando {
  readonly id: string;
  readonly stato: string;
  /** The request state of manuale START Richiedi CIG's listing: Bozza, Richiesta, Perfezionata, Annullata. */
  readonly statoRichiesta?: string;
  /** Global position of the events written: pass it as `attendi` to read your own writes. */
  readonly posizione: Position | undefined;
}

/**
 * Use cases of the Appalto aggregate: check who may act on it, resolve directory references,
 * decide, append. Every command answers with the position of its events.
 */
@Injectable()
export class AppaltiService {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly titolari: Titolari,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async crea(dto: CreaAppaltoDto, attore: Attore, meta: CommandMeta): Promise<EsitoComando> {
    const appaltoId = this.ids.uuid();
    const command: AppaltoCommand = {
      type: 'CreaAppalto',
      appaltoId,
      scheda: dto.scheda,
      tipoProcedura: dto.tipoProcedura,
      ...(await this.titolari.risolvi(attore, dto.centroDiCosto, dto.rup)),
      datiGara: { ...dto.datiGara },
    };
    const result = await this.aggregates.execute(appaltoStream(appaltoId), appaltoDecider, command, await this.contesto(), meta);
    return esito(appaltoId, result.state, result.position);
  }

  /**
   * Runs a command on an existing appalto of the caller's office. A concurrent change is a 409,
   * unless the command is `sicuro`: one whose outcome the caller does not build on what they
   * last read (add a lot, verify, send, publish, link), which is decided again on the new state.
   */
  async esegui(
    appaltoId: string,
    azione: Azione,
    crea: (appalto: AppaltoEsistente) => Promise<AppaltoCommand> | AppaltoCommand,
    attore: Attore,
    meta: CommandMeta,
    opzioni: { sicuro?: boolean } = {},
  ): Promise<EsitoComando> {
    const appalto = await this.carica(appaltoId, attore, azione);
    const command = await crea(appalto);
    const result = await this.aggregates.execute(appaltoStream(appaltoId), appaltoDecider, command, await this.contesto(), meta, { retryOnConflict: opzioni.sicuro ? RIPROVE_SICURE : 0 });
    return esito(appaltoId, result.state, result.position);
  }

  /** Adds a lot; its identifier is the one the decision gave it (after any retry on a concurrent change). */
  async aggiungiLotto(appaltoId: string, dati: DatiLotto, attore: Attore, meta: CommandMeta): Promise<EsitoComando & { lotIdentifier: string }> {
    await this.carica(appaltoId, attore, 'appalto.modifica');
    const result = await this.aggregates.execute(appaltoStream(appaltoId), appaltoDecider, { type: 'AggiungiLotto', dati }, await this.contesto(), meta, { retryOnConflict: RIPROVE_SICURE });
    const aggiunto = result.events.find((e) => e.type === 'LottoAggiunto');
    return { ...esito(appaltoId, result.state, result.position), lotIdentifier: aggiunto?.type === 'LottoAggiunto' ? aggiunto.data.lotto.lotIdentifier : '' };
  }

  /** manuale START Richiedi CIG "copia": a new request with the data of another one. */
  async copia(appaltoId: string, attore: Attore, meta: CommandMeta): Promise<EsitoComando> {
    const origine = await this.carica(appaltoId, attore, 'appalto.copia');
    const nuovoId = this.ids.uuid();
    const creatoDa = { userId: attore.userId, nome: attore.nome, codiceFiscale: attore.codiceFiscale };
    const evento = copiaAppalto(origine, { nuovoId, now: this.clock.now(), creatoDa });
    const posizione = await this.aggregates.append(appaltoStream(nuovoId), [evento], meta, 'no_stream');
    return { id: nuovoId, stato: 'BOZZA', statoRichiesta: 'Bozza', posizione };
  }

  /** The appalto, if it exists and the caller may act on it (its office, or an oversight role for reads). */
  async carica(appaltoId: string, attore: Attore, azione: Azione): Promise<AppaltoEsistente> {
    const { state } = await this.aggregates.load(appaltoStream(appaltoId), appaltoDecider);
    if (!state.esiste) throw nonTrovato('APPALTO_NON_TROVATO', `Appalto ${appaltoId} non trovato`);
    autorizzaSuUfficio(attore, azione, state.ufficio);
    return state;
  }

  async contesto(): Promise<AppaltoContext> {
    return {
      now: this.clock.now(),
      newId: () => this.ids.uuid(),
      responsabileNelCdc: await this.titolari.responsabileNelCdc(),
      cigValido: isCigValido,
      regoleAnac: contestoRegoleAnac(this.runtime.regoleAnac),
    };
  }
}

function esito(id: string, state: AppaltoState, posizione: Position | undefined): EsitoComando {
  return state.esiste ? { id, stato: state.stato, statoRichiesta: statoRichiesta(state), posizione } : { id, stato: 'INESISTENTE', posizione };
}
