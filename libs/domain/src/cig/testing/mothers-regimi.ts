/** Mothers for the SIMOG and SmartCIG specs: a SIMOG lot's CIG and a SmartCIG, valid by default. */
import type { DatiSmartCig } from '../../smart-cig/types.js';
import type { CigCommand, CigContext } from '../commands.js';
import type { CigEvent } from '../events.js';
import type { RichiestaCig } from '../richiesta.js';
import { cigAssegnato, contestoCig } from './mothers.js';

type Evento<T extends CigEvent['type']> = Extract<CigEvent, { type: T }>;

export const GARA_ID = '7d1f0c2a-4b7d-4c1e-9a3f-2d6b8e1c0a02';
export const SMART = 'X000000001';
export const RUP = { userId: 'marco.giovannetti', nome: 'Marco Giovannetti', codiceFiscale: 'GVNMRC70A01D612Q' };

/** An instant as an ISO string, and a context deciding at that instant. */
export const alle = (iso: string, overrides: Partial<CigContext> = {}) => contestoCig({ now: new Date(iso), ...overrides });

export const richiesta = (overrides: Partial<RichiestaCig> = {}): RichiestaCig => ({
  stazioneAppaltante: { codiceFiscale: '01386030488', denominazione: 'Regione Toscana', codiceAusa: '0000246180' },
  centroDiCosto: { codice: 'CDC-TOSCANA-CONTRATTI', denominazione: 'Settore Contratti' },
  ufficio: 'UFF-TOSCANA-GARE',
  rup: RUP,
  creatoDa: RUP,
  oggettoProcedura: 'Servizi di pulizia',
  oggetto: 'Lotto 1',
  importo: '100000',
  numeroGara: '1234567',
  origine: 'ANAC',
  ...overrides,
});

/** A SIMOG lot's CIG as assigned at the lot's creation, dated `il`. */
export const cigSimogAssegnato = (il = '2019-03-01T10:00:00.000Z'): Evento<'CigAssegnato'> => {
  const e = cigAssegnato({ regime: 'SIMOG', appaltoId: GARA_ID, idAppaltoAnac: undefined, richiesta: richiesta() });
  return { ...e, data: { ...e.data, il } };
};

export const cigSimogPerfezionato = (dataPubblicazione = '2019-03-05', il = '2019-03-06T10:00:00.000Z'): Evento<'CigPerfezionato'> => ({
  type: 'CigPerfezionato',
  data: { cig: 'A000000001', pubblicazione: { dataPubblicazione }, il },
});

export const perfeziona = (dataPubblicazione = '2019-03-05'): CigCommand => ({ type: 'PerfezionaCigSimog', pubblicazione: { dataPubblicazione } });

export const datiSmartCig = (overrides: Partial<DatiSmartCig> = {}): DatiSmartCig => ({
  fattispecie: 'AFFIDAMENTO_SOTTO_SOGLIA',
  importo: '15000',
  oggetto: 'Stampe digitali',
  procedura: 'AFFIDAMENTO_IN_ECONOMIA_COTTIMO_FIDUCIARIO',
  oggettoPrincipale: 'SERVIZI',
  ...overrides,
});

export const registraSmartCig = (dati: Partial<DatiSmartCig> = {}): CigCommand => ({
  type: 'RegistraSmartCig', cig: SMART, appaltoId: GARA_ID, richiesta: richiesta({ origine: 'ANAC' }), dati: datiSmartCig(dati),
});

export const smartCigRegistrato = (il: string, dati: Partial<DatiSmartCig> = {}): CigEvent[] => [
  { type: 'CigAssegnato', data: { cig: SMART, regime: 'SMARTCIG', appaltoId: GARA_ID, lotIdentifier: SMART, richiesta: richiesta({ origine: 'ANAC' }), il } },
  { type: 'CigComunicato', data: { cig: SMART, dati: datiSmartCig(dati), modifica: false, il } },
];
