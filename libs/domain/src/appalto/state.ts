import type { Problema } from '../shared/domain-error.js';
import type { AppaltoCreatoData, AppaltoEvent, AppaltoEventOf } from './events.js';
import { numeroLotto } from './lotto.js';
import type {
  CentroDiCosto,
  CigLotto,
  CodiceScheda,
  Cpv,
  DatiGara,
  ErroreAnac,
  Lotto,
  OperazioneAnac,
  Persona,
  Regime,
  StatoAppalto,
  StazioneAppaltante,
  TipoProcedura,
} from './types.js';

/** The ANAC operation the process manager is carrying out; while it lasts the request is locked. */
export interface OperazioneInCorso {
  readonly operazione: OperazioneAnac;
  readonly richiestaId: string;
  readonly dal: string;
  /** CANCELLAZIONE only: the motivo the AppaltoCancellato will carry. */
  readonly motivo?: string;
}

/** A withdrawal asked while the conferma was in flight, until the request is cancelled. */
export interface RitiroRichiesto {
  readonly motivo: string;
  readonly richiestaId: string;
  readonly richiestoDa: Persona;
  readonly il: string;
}

export interface EsitoAnac {
  readonly operazione: OperazioneAnac;
  readonly errori: readonly ErroreAnac[];
  readonly il: string;
}

/** ANAC's own verification of the request: asked, then its verdict (IN_CORSO until ANAC answers). */
export interface VerificaAnac {
  readonly richiestaId: string;
  readonly esito: 'IN_CORSO' | 'OK' | 'KO';
  readonly errori: readonly ErroreAnac[];
  readonly richiestaIl: string;
  readonly il?: string;
}

export interface EsitoVerifica {
  readonly esito: 'OK' | 'KO';
  readonly problemi: readonly Problema[];
  readonly il: string;
}

/** The state of a stream with no events yet. */
export interface AppaltoVuoto {
  readonly esiste: false;
}

export interface AppaltoEsistente {
  readonly esiste: true;
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
  readonly copiaDi?: string;
  readonly stato: StatoAppalto;
  /** In the order they were added. */
  readonly lotti: readonly Lotto[];
  /** Number of the next lot: identifiers are never reused, even after a removal. */
  readonly prossimoLotto: number;
  readonly classificazione: readonly Cpv[];
  /** From datiGara.idProcedura (procedure first) or ProceduraCollegata (CIG first), manuale START Richiedi CIG. */
  readonly idProcedura?: string;
  readonly idAppaltoAnac?: string;
  readonly idAvviso?: string;
  /** The current CIG of each lot (after conferma OK; replaced by modifica-avviso). */
  readonly cig: readonly CigLotto[];
  /** CIGs superseded by modifica-avviso, oldest first. */
  readonly cigSostituiti: readonly CigLotto[];
  readonly operazioneInCorso?: OperazioneInCorso;
  /** "Ritiro richiesto": the office withdrew the request while ANAC was working on it. */
  readonly ritiro?: RitiroRichiesto;
  /** The last KO from ANAC, shown until the next conferma succeeds. */
  readonly ultimoEsitoAnac?: EsitoAnac;
  /** The last local verification; any edit makes it stale, so edits clear it. */
  readonly verifica?: EsitoVerifica;
  /** The last verification asked of ANAC (POST /appalti/:id/verifica?anac=true) and its verdict. */
  readonly verificaAnac?: VerificaAnac;
  readonly creatoIl: string;
  readonly modificatoIl: string;
  readonly inviatoIl?: string;
  readonly confermatoIl?: string;
  readonly pubblicatoIl?: string;
  readonly cancellatoIl?: string;
  readonly motivoCancellazione?: string;
}

export type AppaltoState = AppaltoVuoto | AppaltoEsistente;

export const initialState: AppaltoState = { esiste: false };

/** What ANAC's 90-day clean-up of confirmed, never published appalti leaves as motivo. */
export const MOTIVO_ELIMINAZIONE_ANAC = 'Eliminato da ANAC: appalto confermato e non pubblicato entro 90 giorni';

type Creazione = AppaltoEventOf<'AppaltoCreato'> | AppaltoEventOf<'AppaltoCopiato'>;
type Successivo = Exclude<AppaltoEvent, Creazione>;

function creato(data: AppaltoCreatoData, lotti: readonly Lotto[], classificazione: readonly Cpv[], copiaDi?: string): AppaltoEsistente {
  const { creatoIl, ...dati } = data;
  return {
    ...dati,
    esiste: true,
    copiaDi,
    stato: 'BOZZA',
    lotti,
    prossimoLotto: Math.max(0, ...lotti.map((l) => numeroLotto(l.lotIdentifier))) + 1,
    classificazione,
    idProcedura: data.datiGara.idProcedura,
    cig: [],
    cigSostituiti: [],
    creatoIl,
    modificatoIl: creatoIl,
  };
}

/** Folds one event; never reads a clock: every date comes from the event. */
export function evolve(state: AppaltoState, event: AppaltoEvent): AppaltoState {
  if (event.type === 'AppaltoCreato') return creato(event.data, [], []);
  if (event.type === 'AppaltoCopiato') return creato(event.data, event.data.lotti, event.data.classificazione, event.data.copiaDi);
  if (!state.esiste) return state;
  const verifica = event.type === 'AppaltoVerificato' || event.type === 'VerificaAnacRichiesta' || event.type === 'VerificaAnacEseguita';
  const toccato = verifica ? state : { ...state, modificatoIl: istante(event) };
  return evolveEsistente(toccato, event);
}

const istante = (event: Successivo): string => (event.type === 'AppaltoModificato' ? event.data.modificatoIl : event.data.il);

function evolveEsistente(s: AppaltoEsistente, event: Successivo): AppaltoEsistente {
  switch (event.type) {
    case 'AppaltoModificato': {
      const { datiGara, rup, centroDiCosto } = event.data;
      return { ...s, datiGara, rup, centroDiCosto, idProcedura: datiGara.idProcedura ?? s.idProcedura, verifica: undefined };
    }
    case 'LottoAggiunto': {
      const { lotto } = event.data;
      const prossimoLotto = Math.max(s.prossimoLotto, numeroLotto(lotto.lotIdentifier) + 1);
      return { ...s, lotti: [...s.lotti, lotto], prossimoLotto, verifica: undefined };
    }
    case 'LottoModificato': {
      const { lotIdentifier, dati } = event.data;
      const lotti = s.lotti.map((l) => (l.lotIdentifier === lotIdentifier ? { ...dati, lotIdentifier } : l));
      return { ...s, lotti, verifica: undefined };
    }
    case 'LottoRimosso':
      return { ...s, lotti: s.lotti.filter((l) => l.lotIdentifier !== event.data.lotIdentifier), verifica: undefined };
    case 'ClassificazioneImpostata':
      return { ...s, classificazione: event.data.cpv, verifica: undefined };
    case 'ProceduraCollegata':
      return { ...s, idProcedura: event.data.idProcedura };
    case 'AppaltoVerificato':
      return { ...s, verifica: event.data };
    case 'VerificaAnacRichiesta':
      return { ...s, verificaAnac: { richiestaId: event.data.richiestaId, esito: 'IN_CORSO', errori: [], richiestaIl: event.data.il } };
    case 'VerificaAnacEseguita': {
      const { richiestaId, esito, errori, il } = event.data;
      return { ...s, verificaAnac: { richiestaId, esito, errori, richiestaIl: s.verificaAnac?.richiestaIl ?? il, il } };
    }
    case 'AppaltoInviato':
      return { ...s, operazioneInCorso: inCorso('CONFERMA', event.data), inviatoIl: event.data.il };
    case 'CigRichiesto':
      return s;
    case 'AppaltoRegistratoAnac':
      return { ...s, idAppaltoAnac: event.data.idAppaltoAnac, stato: 'IN_LAV' };
    case 'AppaltoConfermato': {
      const { idAppaltoAnac, idAvviso, cig, il } = event.data;
      return { ...s, stato: 'CONF', idAppaltoAnac, idAvviso: idAvviso ?? s.idAvviso, cig, confermatoIl: il, operazioneInCorso: undefined, ultimoEsitoAnac: undefined };
    }
    case 'AppaltoRespinto':
      return { ...s, stato: statoDopoRespinta(s, event.data.operazione), ultimoEsitoAnac: event.data, operazioneInCorso: undefined };
    case 'PubblicazioneRichiesta':
      return { ...s, operazioneInCorso: inCorso('PUBBLICAZIONE', event.data) };
    case 'AppaltoInAttesaPubblicazione':
      return { ...s, stato: 'IN_ATT_PUBB', idAvviso: event.data.idAvviso, operazioneInCorso: dopoAttesaPubblicazione(s.operazioneInCorso) };
    case 'AppaltoPubblicato':
      return { ...s, stato: 'PUBB', idAvviso: event.data.idAvviso, pubblicatoIl: event.data.il, operazioneInCorso: undefined };
    case 'ModificaAvvisoRichiesta':
      return { ...s, operazioneInCorso: inCorso('MODIFICA_AVVISO', event.data) };
    case 'AvvisoModificato': {
      const cig = event.data.cig.map(({ lotIdentifier, cig: codice }) => ({ lotIdentifier, cig: codice }));
      return { ...s, idAvviso: event.data.idAvviso, cig, cigSostituiti: [...s.cigSostituiti, ...s.cig], operazioneInCorso: undefined };
    }
    case 'CancellazioneRichiesta':
      return { ...s, operazioneInCorso: { ...inCorso('CANCELLAZIONE', event.data), motivo: event.data.motivo } };
    case 'AppaltoCancellato':
      return cancellato(s, event.data.motivo, event.data.il);
    case 'AppaltoEliminatoDaAnac':
      return cancellato(s, MOTIVO_ELIMINAZIONE_ANAC, event.data.il);
    case 'RitiroRichiesto': {
      const { il, ...ritiro } = event.data;
      return { ...s, ritiro: { ...ritiro, il } };
    }
    default: {
      const _exhaustive: never = event;
      return s;
    }
  }
}

const inCorso = (operazione: OperazioneAnac, data: { readonly richiestaId: string; readonly il: string }): OperazioneInCorso => ({
  operazione,
  richiestaId: data.richiestaId,
  dal: data.il,
});

/** A refused conferma makes the request editable again; other refusals leave the state as it was. */
function statoDopoRespinta(s: AppaltoEsistente, operazione: OperazioneAnac): StatoAppalto {
  if (operazione !== 'CONFERMA') return s.stato;
  return s.idAppaltoAnac ? 'IN_LAV' : 'BOZZA';
}

/**
 * pubblica-avviso ends with "Avviso in pubblicazione" (manuale START Richiedi CIG, LOG TRASMISSIONI): the call is
 * over. A modifica-avviso goes on until its new CIGs are read (AvvisoModificato).
 */
const dopoAttesaPubblicazione = (op: OperazioneInCorso | undefined) => (op?.operazione === 'PUBBLICAZIONE' ? undefined : op);

const cancellato = (s: AppaltoEsistente, motivo: string, il: string): AppaltoEsistente => ({
  ...s,
  stato: 'CANC',
  motivoCancellazione: motivo,
  cancellatoIl: il,
  operazioneInCorso: undefined,
  ritiro: undefined,
});
