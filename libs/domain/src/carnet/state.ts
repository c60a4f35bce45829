import type { DatiSmartCig } from '../smart-cig/types.js';
import type { CarnetEvent, TitolareCarnet } from './events.js';

/** States of a code of the carnet, as the detail page shows them (nota SMART CIG 2011: "CIG NON RENDICONTATO", "CIG COMUNICATO"). */
export type StatoCigDelCarnet = 'NON_RENDICONTATO' | 'COMUNICATO' | 'ANNULLATO';
/** ATTIVO until expiry; SCADUTO during the 30 days for the data; RENDICONTAZIONE_SCADUTA after them. */
export type StatoCarnet = 'ATTIVO' | 'SCADUTO' | 'RENDICONTAZIONE_SCADUTA';

export interface CigDelCarnet {
  readonly cig: string;
  readonly stato: StatoCigDelCarnet;
  readonly dati?: DatiSmartCig;
  readonly il?: string;
  readonly tardiva?: boolean;
}

export type CarnetEsistente = TitolareCarnet & {
  readonly esiste: true;
  readonly numero: string;
  readonly richiestaId: string;
  readonly stato: StatoCarnet;
  readonly rilasciatoIl: string;
  readonly scadenzaIl: string;
  readonly termineRendicontazione: string;
  /** In the order ANAC issued them. */
  readonly ordine: readonly string[];
  readonly codici: Readonly<Record<string, CigDelCarnet>>;
};

export type CarnetState = { readonly esiste: false; readonly richiesta?: TitolareCarnet & { numero: string; richiestaId: string } } | CarnetEsistente;

const con = (s: CarnetEsistente, c: CigDelCarnet): CarnetEsistente => ({ ...s, codici: { ...s.codici, [c.cig]: c } });

export function evolve(s: CarnetState, e: CarnetEvent): CarnetState {
  switch (e.type) {
    case 'CarnetRichiesto': {
      const { il: _il, dimensione: _d, ...richiesta } = e.data;
      return { esiste: false, richiesta };
    }
    case 'CarnetRilasciato': {
      if (s.esiste || !s.richiesta) return s;
      const { codici, rilasciatoIl, scadenzaIl, termineRendicontazione } = e.data;
      const tutti = Object.fromEntries(codici.map((cig) => [cig, { cig, stato: 'NON_RENDICONTATO' as const }]));
      return { ...s.richiesta, esiste: true, stato: 'ATTIVO', rilasciatoIl, scadenzaIl, termineRendicontazione, ordine: codici, codici: tutti };
    }
    case 'CigDelCarnetComunicato':
      return s.esiste ? con(s, { cig: e.data.cig, stato: 'COMUNICATO', dati: e.data.dati, il: e.data.il, tardiva: e.data.tardiva }) : s;
    case 'CigDelCarnetAnnullato':
      return s.esiste ? con(s, { cig: e.data.cig, stato: 'ANNULLATO', il: e.data.il, tardiva: e.data.tardiva }) : s;
    case 'CarnetScaduto':
      return s.esiste ? { ...s, stato: 'SCADUTO' } : s;
    case 'RendicontazioneScaduta':
      return s.esiste ? { ...s, stato: 'RENDICONTAZIONE_SCADUTA' } : s;
    default: {
      const _: never = e;
      return s;
    }
  }
}

/** Codes still to report: what blocks new carnets once the 30 days have passed (nota SMART CIG 2011). */
export const nonRendicontati = (s: CarnetEsistente): string[] => s.ordine.filter((cig) => s.codici[cig]?.stato === 'NON_RENDICONTATO');
