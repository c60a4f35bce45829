import type { DatiSmartCig } from '#domain';

/**
 * The port through which CIG Ledger talks to ANAC's SIMOG and SmartCIG services (2011–2023).
 * Those services had SOAP and web interfaces that are not in the reference documents: the
 * operations below are the ones avviso AVCP-SIMOG 2011, nota SMART CIG 2011 describe, over a small JSON protocol that the
 * simulator (`apps/anac-sim`, README "SIMOG e SmartCIG") implements. No method throws for ANAC or
 * network problems: every outcome is a {@link SimogResult} with the exchanges made.
 */
export interface SimogGateway {
  /** SIMOG "crea gara": the numero gara. */
  creaGara(ctx: SimogCallContext, r: { readonly idRichiesta: string; readonly oggetto: string; readonly importo?: string }): Promise<SimogResult<{ readonly numeroGara: string }>>;
  /** SIMOG "inserisci lotto": one CIG per lot (avviso AVCP-SIMOG 2011). */
  creaLotto(ctx: SimogCallContext, r: { readonly idRichiesta: string; readonly numeroGara: string; readonly oggetto: string; readonly importo: string }): Promise<SimogResult<{ readonly cig: string }>>;
  perfezionaCig(ctx: SimogCallContext, r: { readonly cig: string; readonly dataPubblicazione: string }): Promise<SimogResult<void>>;
  cancellaCig(ctx: SimogCallContext, r: { readonly cig: string; readonly codiceMotivo: number; readonly nota?: string }): Promise<SimogResult<void>>;
  cancellaGara(ctx: SimogCallContext, r: { readonly numeroGara: string }): Promise<SimogResult<void>>;
  /** The annulment request (avviso AVCP-SIMOG 2011: by fax with the RUP's document): ANAC's protocol number. */
  richiediAnnullamento(ctx: SimogCallContext, r: { readonly cig: string; readonly motivazione: string; readonly documentoIdentitaRup: string }): Promise<SimogResult<{ readonly protocollo: string }>>;
  /** SmartCIG "conferma ed ottieni CIG" (nota SMART CIG 2011). */
  richiediSmartCig(ctx: SimogCallContext, r: { readonly idRichiesta: string; readonly dati: DatiSmartCig }): Promise<SimogResult<{ readonly cig: string }>>;
  modificaSmartCig(ctx: SimogCallContext, r: { readonly cig: string; readonly dati: DatiSmartCig }): Promise<SimogResult<void>>;
  annullaSmartCig(ctx: SimogCallContext, r: { readonly cig: string }): Promise<SimogResult<void>>;
  /** "Richiedi carnet" → "genera" (nota SMART CIG 2011): number, 50 codes, release and expiry dates. */
  richiediCarnet(ctx: SimogCallContext, r: { readonly idRichiesta: string }): Promise<SimogResult<CarnetEmesso>>;
  comunicaCigCarnet(ctx: SimogCallContext, r: { readonly numero: string; readonly cig: string; readonly dati: DatiSmartCig }): Promise<SimogResult<{ readonly tardiva: boolean }>>;
  annullaCigCarnet(ctx: SimogCallContext, r: { readonly numero: string; readonly cig: string }): Promise<SimogResult<void>>;
}

export interface CarnetEmesso {
  readonly numero: string;
  readonly codici: readonly string[];
  readonly dataRilascio: string;
  readonly dataScadenza: string;
}

/**
 * Who calls and as of when. `dataRiferimento` is the command's effective instant: the simulator
 * applies the Authority's rules of that date (the sandbox clock runs the service in the past).
 */
export interface SimogCallContext {
  readonly rup: { readonly codiceFiscale: string; readonly nome?: string };
  readonly stazioneAppaltante: { readonly codiceFiscale: string; readonly codiceAusa: string };
  readonly centroDiCosto: string;
  readonly dataRiferimento: string;
}

export type OperazioneSimog =
  | 'crea-gara' | 'crea-lotto' | 'perfeziona-cig' | 'cancella-cig' | 'cancella-gara' | 'richiedi-annullamento'
  | 'richiedi-smartcig' | 'modifica-smartcig' | 'annulla-smartcig' | 'richiedi-carnet' | 'comunica-cig-carnet' | 'annulla-cig-carnet';

/** One HTTP exchange, as the transmission log keeps it. */
export interface SimogCall {
  readonly servizio: 'SIMOG' | 'SMARTCIG';
  readonly operazione: OperazioneSimog;
  readonly path: string;
  readonly requestId: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly httpStatus?: number;
  /** As {@link EsitoChiamata} of the PCP gateway. */
  readonly outcome: 'OK' | 'KO' | 'ERRORE' | 'ESITO_INCERTO';
  readonly requestBody?: unknown;
  readonly responseBody?: unknown;
  readonly errori: ReadonlyArray<{ readonly codice: string; readonly dettaglio?: string }>;
  readonly networkError?: string;
}

/**
 * `RIFIUTATA`: ANAC refused (its rules, its state) — show the errors; `NON_RAGGIUNGIBILE`: nothing
 * happened, try later; `ESITO_INCERTO`: the answer was lost after sending — repeating with the
 * same `idRichiesta` is safe, the simulator answers the first result again.
 */
export interface SimogFailure {
  readonly categoria: 'RIFIUTATA' | 'NON_RAGGIUNGIBILE' | 'ESITO_INCERTO';
  readonly errori: ReadonlyArray<{ readonly codice: string; readonly dettaglio?: string }>;
  readonly httpStatus?: number;
  readonly messaggio: string;
}

export type SimogResult<T> =
  | { readonly ok: true; readonly value: T; readonly calls: readonly SimogCall[] }
  | { readonly ok: false; readonly failure: SimogFailure; readonly calls: readonly SimogCall[] };
