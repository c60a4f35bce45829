/** Mothers for the carnet specs: a carnet of 50 SmartCIGs released on 4/5/2011 (nota SMART CIG 2011's example). */
import type { DatiSmartCig } from '../../smart-cig/types.js';
import type { CarnetCommand, CarnetContext } from '../decider.js';
import type { CarnetEvent } from '../events.js';

export const NUMERO = 'CARNET/0000555';
export const RILASCIO = '2011-05-04T08:00:00.000Z';
export const SCADENZA = '2011-08-02T08:00:00.000Z'; // + 90 days (nota SMART CIG 2011: 04.05.2011 → 02.08.2011)
export const TERMINE = '2011-09-01T08:00:00.000Z'; // + 30 days
export const CODICI = Array.from({ length: 50 }, (_, i) => `X${String(i + 1).padStart(9, '0')}`);
export const RUP = { userId: 'marco.giovannetti', nome: 'Marco Giovannetti', codiceFiscale: 'GVNMRC70A01D612Q' };
const titolare = {
  stazioneAppaltante: { codiceFiscale: '01386030488', denominazione: 'Regione Toscana', codiceAusa: '0000246180' },
  centroDiCosto: { codice: 'CDC-TOSCANA-CONTRATTI', denominazione: 'Settore Contratti' },
  ufficio: 'UFF-TOSCANA-GARE',
  rup: RUP,
  richiestoDa: RUP,
};

export const contestoCarnet = (iso: string, rupOk = true): CarnetContext => ({
  now: new Date(iso), newId: () => 'id', cigValido: (c) => /^[A-Z0-9]{10}$/.test(c), responsabileNelCdc: () => rupOk,
});

export const rilascia = (codici: readonly string[] = CODICI): CarnetCommand => ({ type: 'RilasciaCarnet', richiestaId: 'req-1', numero: NUMERO, codici, ...titolare });

export const carnetRilasciato = (il = RILASCIO, scadenza = SCADENZA, termine = TERMINE): CarnetEvent[] => [
  { type: 'CarnetRichiesto', data: { ...titolare, numero: NUMERO, richiestaId: 'req-1', dimensione: 50, il } },
  { type: 'CarnetRilasciato', data: { numero: NUMERO, richiestaId: 'req-1', titolare, codici: CODICI, rilasciatoIl: il, scadenzaIl: scadenza, termineRendicontazione: termine, il } },
];

export const dati = (overrides: Partial<DatiSmartCig> = {}): DatiSmartCig => ({
  fattispecie: 'AFFIDAMENTO_SOTTO_SOGLIA', importo: '1500', oggetto: 'stampe digitali', procedura: 'AFFIDAMENTO_IN_ECONOMIA_COTTIMO_FIDUCIARIO', oggettoPrincipale: 'SERVIZI', ...overrides,
});

export const comunicato = (cig: string, il: string, tardiva = false): CarnetEvent => ({ type: 'CigDelCarnetComunicato', data: { numero: NUMERO, cig, dati: dati(), tardiva, il } });
export const annullato = (cig: string, il: string, tardiva = false): CarnetEvent => ({ type: 'CigDelCarnetAnnullato', data: { numero: NUMERO, cig, motivo: 'CIG non utilizzato', tardiva, il } });
