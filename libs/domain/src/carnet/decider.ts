import type { Decider, DecisionContext } from '../shared/decider.js';
import { conflitto, nonTrovato, regola } from '../shared/domain-error.js';
import { piuGiorni } from '../regole/calendario-italiano.js';
import { verificaRegola } from '../regole/tabella-regole.js';
import { verificaSogliaSmartCig } from '../regole/soglie-smartcig.js';
import { verificaRup } from '../appalto/rup.js';
import { centroDiCosto, persona, stazioneAppaltante } from '../appalto/valori.js';
import { verificaDatiSmartCig } from '../smart-cig/dati.js';
import type { DatiSmartCig } from '../smart-cig/types.js';
import { DIMENSIONE_CARNET, GIORNI_RENDICONTAZIONE, GIORNI_VALIDITA_CARNET } from '../regole/limiti-carnet.js';
import { FORMATO_NUMERO_CARNET, type CarnetEvent, type TitolareCarnet } from './events.js';
import { evolve, type CarnetEsistente, type CarnetState } from './state.js';

export type CarnetCommand =
  | (TitolareCarnet & { readonly type: 'RilasciaCarnet'; readonly richiestaId: string; readonly numero: string; readonly codici: readonly string[] })
  | { readonly type: 'ComunicaCigDelCarnet'; readonly cig: string; readonly dati: DatiSmartCig }
  | { readonly type: 'AnnullaCigDelCarnet'; readonly cig: string; readonly motivo?: string }
  /** The deadline scheduler, at expiry and at expiry + 30 days. */
  | { readonly type: 'ScadenzaCarnet' }
  | { readonly type: 'ScadenzaRendicontazione' };

export interface CarnetContext extends DecisionContext {
  readonly responsabileNelCdc: (codiceFiscale: string, codiceCdc: string) => boolean;
  readonly cigValido: (codice: string) => boolean;
}

type Comando<T extends CarnetCommand['type']> = Extract<CarnetCommand, { type: T }>;

function esistente(s: CarnetState): CarnetEsistente {
  if (!s.esiste) throw nonTrovato('CARNET_NON_TROVATO', 'Carnet non trovato');
  return s;
}

/** Nota SMART CIG 2011: 50 codes usable at once, valid 90 days from the release, data due 30 days after expiry. */
function rilascia(c: Comando<'RilasciaCarnet'>, s: CarnetState, x: CarnetContext): CarnetEvent[] {
  if (s.esiste) {
    if (s.richiestaId === c.richiestaId) return [];
    throw conflitto('CARNET_ESISTENTE', `Il carnet ${c.numero} esiste già`);
  }
  verificaRegola('CARNET_SMARTCIG', x.now);
  if (!FORMATO_NUMERO_CARNET.test(c.numero)) throw regola('NUMERO_CARNET_NON_VALIDO', `Numero di carnet non valido: ${c.numero} (atteso CARNET/NNNNNNN)`);
  const validi = c.codici.filter((cig) => x.cigValido(cig) && /^[XYZ]/.test(cig));
  if (c.codici.length !== DIMENSIONE_CARNET || validi.length !== DIMENSIONE_CARNET || new Set(c.codici).size !== DIMENSIONE_CARNET) {
    throw regola('CODICI_CARNET_NON_VALIDI', `Un carnet contiene ${DIMENSIONE_CARNET} SmartCIG validi e distinti (nota SMART CIG 2011): ricevuti ${c.codici.length}, validi ${validi.length}`);
  }
  verificaRup(c.rup, c.centroDiCosto, x);
  const il = x.now.toISOString();
  const scadenza = piuGiorni(x.now, GIORNI_VALIDITA_CARNET);
  const titolare = { stazioneAppaltante: stazioneAppaltante(c.stazioneAppaltante), centroDiCosto: centroDiCosto(c.centroDiCosto), ufficio: c.ufficio, rup: persona(c.rup), richiestoDa: persona(c.richiestoDa) };
  return [
    { type: 'CarnetRichiesto', data: { ...titolare, numero: c.numero, richiestaId: c.richiestaId, dimensione: DIMENSIONE_CARNET, il } },
    {
      type: 'CarnetRilasciato',
      data: { numero: c.numero, richiestaId: c.richiestaId, titolare, codici: [...c.codici], rilasciatoIl: il, scadenzaIl: scadenza.toISOString(), termineRendicontazione: piuGiorni(scadenza, GIORNI_RENDICONTAZIONE).toISOString(), il },
    },
  ];
}

function codice(s: CarnetEsistente, cig: string) {
  const c = s.codici[cig.toUpperCase()];
  if (!c) throw nonTrovato('CIG_NON_NEL_CARNET', `Il CIG ${cig} non appartiene al carnet ${s.numero}`);
  return c;
}

/**
 * "Utilizzare il cig … cliccando su comunica la pratica è completa" (nota SMART CIG 2011). Accepted also after
 * the 30 days, marked late (`tardiva`): the nota SMART CIG 2011 sanctions lateness by refusing new carnets until
 * the data arrive, so late data must be possible to lift the block.
 */
function comunica(c: Comando<'ComunicaCigDelCarnet'>, s: CarnetState, x: CarnetContext): CarnetEvent[] {
  const carnet = esistente(s);
  const attuale = codice(carnet, c.cig);
  const dati = verificaDatiSmartCig(c.dati, x.cigValido);
  if (attuale.stato === 'COMUNICATO' && JSON.stringify(attuale.dati) === JSON.stringify(dati)) return [];
  if (attuale.stato !== 'NON_RENDICONTATO') throw conflitto(`CIG_GIA_${attuale.stato}`, `Il CIG ${attuale.cig} del carnet ${carnet.numero} è già ${attuale.stato.toLowerCase()}`, { stato: attuale.stato });
  // The thresholds of the day the code was issued: the carnet's codes were obtained under them.
  verificaSogliaSmartCig(dati, new Date(carnet.rilasciatoIl));
  const tardiva = x.now.getTime() >= Date.parse(carnet.termineRendicontazione);
  return [{ type: 'CigDelCarnetComunicato', data: { numero: carnet.numero, cig: attuale.cig, dati, tardiva, il: x.now.toISOString() } }];
}

function annulla(c: Comando<'AnnullaCigDelCarnet'>, s: CarnetState, x: CarnetContext): CarnetEvent[] {
  const carnet = esistente(s);
  const attuale = codice(carnet, c.cig);
  if (attuale.stato === 'ANNULLATO') return [];
  if (attuale.stato !== 'NON_RENDICONTATO') throw conflitto('CIG_GIA_COMUNICATO', `Il CIG ${attuale.cig} del carnet ${carnet.numero} è già comunicato: non si annulla`, { stato: attuale.stato });
  const tardiva = x.now.getTime() >= Date.parse(carnet.termineRendicontazione);
  return [{ type: 'CigDelCarnetAnnullato', data: { numero: carnet.numero, cig: attuale.cig, motivo: c.motivo?.trim() || 'CIG non utilizzato', tardiva, il: x.now.toISOString() } }];
}

function nonAncora(s: CarnetEsistente, quando: string, cosa: string): never {
  throw conflitto('SCADENZA_NON_RAGGIUNTA', `Il carnet ${s.numero}: ${cosa} il ${quando}`);
}

/**
 * Deadlines take effect when they fall due, not when the scheduler gets to them (the service
 * may have been down): the events carry the due instant, so history "as of" a date is right.
 */
function scadenza(s: CarnetState, x: CarnetContext): CarnetEvent[] {
  if (!s.esiste || s.stato !== 'ATTIVO') return [];
  if (x.now.getTime() < Date.parse(s.scadenzaIl)) nonAncora(s, s.scadenzaIl, 'scade');
  return [{ type: 'CarnetScaduto', data: { numero: s.numero, il: s.scadenzaIl } }];
}

function scadenzaRendicontazione(s: CarnetState, x: CarnetContext): CarnetEvent[] {
  if (!s.esiste || s.stato === 'RENDICONTAZIONE_SCADUTA') return [];
  if (x.now.getTime() < Date.parse(s.termineRendicontazione)) nonAncora(s, s.termineRendicontazione, 'termine di rendicontazione');
  const prima = scadenza(s, x);
  const nonRendicontati = Object.values(s.codici).filter((c) => c.stato === 'NON_RENDICONTATO').map((c) => c.cig);
  return [...prima, { type: 'RendicontazioneScaduta', data: { numero: s.numero, nonRendicontati, il: s.termineRendicontazione } }];
}

function decide(c: CarnetCommand, s: CarnetState, x: CarnetContext): CarnetEvent[] {
  switch (c.type) {
    case 'RilasciaCarnet':
      return rilascia(c, s, x);
    case 'ComunicaCigDelCarnet':
      return comunica(c, s, x);
    case 'AnnullaCigDelCarnet':
      return annulla(c, s, x);
    case 'ScadenzaCarnet':
      return scadenza(s, x);
    case 'ScadenzaRendicontazione':
      return scadenzaRendicontazione(s, x);
    default: {
      const _: never = c;
      return [];
    }
  }
}

/** The Carnet aggregate (`carnet-<numero>`, DESIGN §3) as a pure decider. */
export const carnetDecider: Decider<CarnetCommand, CarnetEvent, CarnetState, CarnetContext> = { initialState: { esiste: false }, evolve, decide };
