import type { DomainEvent } from '../shared/decider.js';
import type { Problema } from '../shared/domain-error.js';
import type {
  CentroDiCosto,
  CigLotto,
  CodiceScheda,
  Cpv,
  DatiGara,
  DatiLotto,
  ErroreAnac,
  Lotto,
  OperazioneAnac,
  Persona,
  Regime,
  StazioneAppaltante,
  TipoProcedura,
} from './types.js';

/** Stream of an appalto: `appalto-<uuid>`. Names are stored forever: never rename one. */
export const appaltoStream = (appaltoId: string): string => `appalto-${appaltoId}`;

export interface AppaltoCreatoData {
  readonly appaltoId: string;
  readonly regime: Regime;
  readonly scheda: CodiceScheda;
  readonly tipoProcedura: TipoProcedura;
  readonly stazioneAppaltante: StazioneAppaltante;
  readonly centroDiCosto: CentroDiCosto;
  readonly ufficio: string;
  readonly rup: Persona;
  readonly creatoDa: Persona;
  readonly datiGara: DatiGara;
  readonly creatoIl: string;
}

export type AppaltoEvent =
  | DomainEvent<'AppaltoCreato', AppaltoCreatoData>
  /** A copy of another request: the same data, a new id, nothing of the original's ANAC history. */
  | DomainEvent<'AppaltoCopiato', AppaltoCreatoData & { readonly copiaDi: string; readonly lotti: readonly Lotto[]; readonly classificazione: readonly Cpv[] }>
  | DomainEvent<'AppaltoModificato', { readonly datiGara: DatiGara; readonly rup: Persona; readonly centroDiCosto: CentroDiCosto; readonly modificatoIl: string }>
  | DomainEvent<'LottoAggiunto', { readonly lotto: Lotto; readonly il: string }>
  | DomainEvent<'LottoModificato', { readonly lotIdentifier: string; readonly dati: DatiLotto; readonly il: string }>
  | DomainEvent<'LottoRimosso', { readonly lotIdentifier: string; readonly il: string }>
  | DomainEvent<'ClassificazioneImpostata', { readonly cpv: readonly Cpv[]; readonly il: string }>
  /** The request was linked to a procedure of the platform (manuale START Richiedi CIG: CIG first, procedure later). */
  | DomainEvent<'ProceduraCollegata', { readonly idProcedura: string; readonly il: string }>
  /** Local verification (POST /appalti/:id/verifica): its outcome and the problems by section. */
  | DomainEvent<'AppaltoVerificato', { readonly esito: 'OK' | 'KO'; readonly problemi: readonly Problema[]; readonly il: string; /** ANAC's rule set used (commit or digest, date); absent in events before it or without ANAC_REGOLE_DIR. */ readonly regole?: string }>
  /** POST /appalti/:id/verifica?anac=true: ANAC verifies the request too (verifica-appalto); the process manager asks it. */
  | DomainEvent<'VerificaAnacRichiesta', { readonly richiestaId: string; readonly il: string }>
  /** ANAC's verdict (esito AP_VERIF), or its refusal of the appalto: shown next to the local verification. */
  | DomainEvent<'VerificaAnacEseguita', { readonly richiestaId: string; readonly esito: 'OK' | 'KO'; readonly errori: readonly ErroreAnac[]; readonly il: string }>
  /** The user sent the request: the ANAC process manager takes it from here. */
  | DomainEvent<'AppaltoInviato', { readonly richiestaId: string; readonly il: string }>
  /** One per lot, with AppaltoInviato: the CIG of that lot is requested (DESIGN §3, Cig). */
  | DomainEvent<'CigRichiesto', { readonly lotIdentifier: string; readonly richiestaId: string; readonly il: string }>
  /** crea-appalto succeeded: ANAC knows the appalto (state IN_LAV) under its own id. */
  | DomainEvent<'AppaltoRegistratoAnac', { readonly idAppaltoAnac: string; readonly il: string }>
  /** conferma-appalto OK and recupera-cig done: one CIG per lot, an avviso to publish. */
  | DomainEvent<'AppaltoConfermato', { readonly idAppaltoAnac: string; readonly idAvviso?: string; readonly cig: readonly CigLotto[]; readonly il: string }>
  /** ANAC answered KO: the request is editable again and shows ANAC's errors. */
  | DomainEvent<'AppaltoRespinto', { readonly operazione: OperazioneAnac; readonly errori: readonly ErroreAnac[]; readonly il: string }>
  | DomainEvent<'PubblicazioneRichiesta', { readonly richiestaId: string; readonly il: string }>
  /** pubblica-avviso acknowledged: waiting for the publication (IN_ATT_PUBB). */
  | DomainEvent<'AppaltoInAttesaPubblicazione', { readonly idAvviso: string; readonly il: string }>
  | DomainEvent<'AppaltoPubblicato', { readonly idAvviso: string; readonly il: string }>
  | DomainEvent<'ModificaAvvisoRichiesta', { readonly richiestaId: string; readonly il: string }>
  /** modifica-avviso OK: ANAC replaced the CIG of every lot (old ones superseded). */
  | DomainEvent<'AvvisoModificato', { readonly idAvviso: string; readonly cig: readonly (CigLotto & { readonly sostituisce: string })[]; readonly il: string }>
  /** Cancellation of an appalto known to ANAC: the process manager calls cancella-appalto. */
  | DomainEvent<'CancellazioneRichiesta', { readonly motivo: string; readonly richiestaId: string; readonly il: string }>
  | DomainEvent<'AppaltoCancellato', { readonly motivo: string; readonly il: string }>
  /**
   * The office asked to withdraw a request while ANAC was still working on its conferma: it is
   * cancelled at ANAC as soon as ANAC allows (or simply never sent, if ANAC never received it).
   */
  | DomainEvent<'RitiroRichiesto', { readonly motivo: string; readonly richiestaId: string; readonly richiestoDa: Persona; readonly il: string }>
  /** ANAC deleted a confirmed appalto never published (90 days), as observed by the service. */
  | DomainEvent<'AppaltoEliminatoDaAnac', { readonly il: string }>;

export type AppaltoEventType = AppaltoEvent['type'];
export type AppaltoEventOf<T extends AppaltoEventType> = Extract<AppaltoEvent, { type: T }>;
