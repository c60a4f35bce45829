import { Inject, Injectable } from '@nestjs/common';
import { isCigValido } from '#anac';
import {
  appaltoDecider,
  appaltoStream,
  nonTrovato,
  responsabileNelCdc,
  statoRichiesta,
  type Anagrafica,
  type AppaltoCommand,
  type AppaltoContext,
  type AppaltoEsistente,
  type AppaltoEvent,
  type AppaltoState,
} from '#domain';
import type { Position } from '#event-store';
import { CLOCK, ID_GENERATOR, type Attore, type Clock, type IdGenerator } from '#platform';
import { AnagraficaService } from '../anagrafica/anagrafica.service.js';
import { AggregateStore, type CommandMeta, type Executed, type Loaded } from '../infrastructure/aggregate-store.js';
import { REGOLE_ANAC, WALL_CLOCK } from '../infrastructure/tokens.js';
import { contestoRegoleAnac, type StatoRegoleAnac } from '../regole/regole-anac.js';
import { autorizzaSuUfficio } from '../security/authorization.js';
import { ANAGRAFICA_CACHE_MS } from '../security/identita-in-anagrafica.js';
import type { Azione } from '../security/policy.js';

/** Enough for as many concurrent writers to one appalto as a team can realistically have. */
const RIPROVE_SICURE = 16;

/** Offices of appalti remembered by an instance (the oldest forgotten first): some megabytes at most. */
const UFFICI_RICORDATI = 50_000;

export interface EsitoComando {
  readonly id: string;
  readonly stato: string;
  /** The request state of manuale START Richiedi CIG's listing: Bozza, Richiesta, Perfezionata, Annullata. */
  readonly statoRichiesta?: string;
  /** Global position of the events written: pass it as `attendi` to read your own writes. */
  readonly posizione: Position | undefined;
  /**
   * The appalto's revision after the command (the view's `revisione`): pass it as
   * `dopoRevisione` to follow the request from here without reading it first.
   */
  readonly revisione?: number;
}

/** An appalto read once: its state, for deciding and authorizing, and what was read, for appending. */
export interface AppaltoCaricato {
  readonly appalto: AppaltoEsistente;
  readonly letto: Loaded<AppaltoState>;
}

/**
 * What the appalto's handlers share: read the stream once, authorize on what was read, decide
 * and append with the revision read (a retry after a concurrent change is the only other read).
 * Not a service of its own: each handler says what it decides.
 */
@Injectable()
export class ComandiAppalto {
  /**
   * The office of every appalto this instance has read or written. An appalto's office is set
   * when it is created and never changes, and an appalto is never deleted: a blocking read
   * authorizes on it before its wait without reading the stream (it reads once, after the wait,
   * and authorizes again on what it read).
   */
  private readonly uffici = new Map<string, string>();

  constructor(
    private readonly aggregates: AggregateStore,
    private readonly anagrafica: AnagraficaService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(REGOLE_ANAC) private readonly regoleAnac: StatoRegoleAnac,
    @Inject(WALL_CLOCK) private readonly wallClock: Clock,
  ) {}

  /** The appalto, if it exists and the caller may act on it (its office, or an oversight role for reads). */
  async carica(appaltoId: string, attore: Attore, azione: Azione): Promise<AppaltoCaricato> {
    const letto = await this.aggregates.load(appaltoStream(appaltoId), appaltoDecider);
    const state = letto.state;
    if (!state.esiste) throw nonTrovato('APPALTO_NON_TROVATO', `Appalto ${appaltoId} non trovato`);
    this.ricordaUfficio(appaltoId, state.ufficio);
    autorizzaSuUfficio(attore, azione, state.ufficio);
    return { appalto: state, letto };
  }

  /**
   * Authorizes `azione` on an appalto this instance has already read, without reading it: true
   * when it could (the caller may act, or a 403 was thrown), false when the office is not known
   * here (the caller reads the appalto with {@link carica}).
   */
  autorizzaSeNoto(appaltoId: string, attore: Attore, azione: Azione): boolean {
    const ufficio = this.uffici.get(appaltoId);
    if (ufficio === undefined) return false;
    autorizzaSuUfficio(attore, azione, ufficio);
    return true;
  }

  private ricordaUfficio(appaltoId: string, ufficio: string): void {
    if (this.uffici.get(appaltoId) === ufficio) return;
    if (this.uffici.size >= UFFICI_RICORDATI) this.uffici.delete(this.uffici.keys().next().value!);
    this.uffici.set(appaltoId, ufficio);
  }

  /**
   * Decides `comando` on the appalto read by `carica` and appends. A concurrent change is a 409,
   * unless the command is `sicuro`: one whose outcome the caller does not build on what they last
   * read (add a lot, verify, send, publish, link), which is decided again on the new state.
   */
  async decidi(
    appaltoId: string,
    letto: Loaded<AppaltoState>,
    comando: AppaltoCommand,
    anagrafica: Anagrafica,
    meta: CommandMeta,
    opzioni: { sicuro?: boolean } = {},
  ): Promise<Executed<AppaltoState, AppaltoEvent>> {
    const eseguito = await this.aggregates.decideAndAppend(appaltoStream(appaltoId), appaltoDecider, letto, [comando], this.contesto(anagrafica), meta, {
      retryOnConflict: opzioni.sicuro ? RIPROVE_SICURE : 0,
    });
    if (eseguito.state.esiste) this.ricordaUfficio(appaltoId, eseguito.state.ufficio);
    return eseguito;
  }

  /**
   * The common shape of a command on an existing appalto: read it once, authorize, build the
   * command from what was read (and the directory, read once), decide, append.
   */
  async esegui(
    appaltoId: string,
    azione: Azione,
    attore: Attore,
    meta: CommandMeta,
    crea: (appalto: AppaltoEsistente, anagrafica: Anagrafica) => AppaltoCommand,
    opzioni: { sicuro?: boolean } = {},
  ): Promise<EsitoComando> {
    const { appalto, letto } = await this.carica(appaltoId, attore, azione);
    const anagrafica = await this.anagrafica.stato();
    const eseguito = await this.decidi(appaltoId, letto, crea(appalto, anagrafica), anagrafica, meta, opzioni);
    return esitoComando(appaltoId, eseguito);
  }

  /** The directory as it is now (read once per command). */
  anagraficaAttuale(): Promise<Anagrafica> {
    return this.anagrafica.stato();
  }

  /**
   * The directory as read at most ANAGRAFICA_CACHE_MS ago, as the identity check reads it: for
   * what a read only shows (the actions a caller may take), which the command decides again on a
   * fresh read. A change made through this instance is seen at once.
   */
  anagraficaRecente(): Promise<Anagrafica> {
    return this.anagrafica.statoRecente(ANAGRAFICA_CACHE_MS, this.wallClock.now().getTime());
  }

  contesto(anagrafica: Anagrafica): AppaltoContext {
    return {
      now: this.clock.now(),
      newId: () => this.ids.uuid(),
      responsabileNelCdc: (cf, cdc) => responsabileNelCdc(anagrafica, cf, cdc),
      cigValido: isCigValido,
      regoleAnac: contestoRegoleAnac(this.regoleAnac),
    };
  }

  nuovoId(): string {
    return this.ids.uuid();
  }

  adesso(): Date {
    return this.clock.now();
  }
}

/** What a command on an appalto answers, from what it decided and appended. */
export function esitoComando(id: string, { state, position: posizione, revision }: Pick<Executed<AppaltoState, unknown>, 'state' | 'position' | 'revision'>): EsitoComando {
  const revisione = revision === undefined ? {} : { revisione: Number(revision) };
  return state.esiste ? { id, stato: state.stato, statoRichiesta: statoRichiesta(state), posizione, ...revisione } : { id, stato: 'INESISTENTE', posizione, ...revisione };
}

