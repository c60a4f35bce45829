import type { Decider, DecisionContext } from '../shared/decider.js';
import { conflitto, nonTrovato, nonValido, regola, type Problema } from '../shared/domain-error.js';
import { centesimi, isImporto } from '../shared/importo.js';
import { verificaRegola } from '../regole/tabella-regole.js';
import { verificaRup } from '../appalto/rup.js';
import { centroDiCosto, persona, stazioneAppaltante } from '../appalto/valori.js';
import type { CentroDiCosto, Persona, StazioneAppaltante } from '../shared/vocabolario.js';
import type { StatoCig } from '../cig/state.js';
import type { DatiLottoSimog, GaraSimogEvent, LottoSimog } from './events.js';

export type GaraSimogCommand =
  | {
      readonly type: 'CreaGaraSimog';
      readonly garaId: string;
      readonly numeroGara: string;
      readonly oggetto: string;
      readonly importoComplessivo?: string;
      readonly stazioneAppaltante: StazioneAppaltante;
      readonly centroDiCosto: CentroDiCosto;
      readonly ufficio: string;
      readonly rup: Persona;
      readonly creatoDa: Persona;
    }
  | { readonly type: 'AggiungiLottoSimog'; readonly cig: string; readonly dati: DatiLottoSimog }
  | { readonly type: 'CancellaGaraSimog'; readonly motivo?: string };

export interface GaraSimogContext extends DecisionContext {
  readonly responsabileNelCdc: (codiceFiscale: string, codiceCdc: string) => boolean;
  readonly cigValido: (codice: string) => boolean;
  /** State of a lot's CIG (its own stream), for the cancellation of the gara. */
  readonly statoCig: (cig: string) => StatoCig | undefined;
}

export type GaraSimogState =
  | { readonly esiste: false }
  | (Omit<Extract<GaraSimogEvent, { type: 'GaraSimogCreata' }>['data'], 'il'> & {
      readonly esiste: true;
      readonly stato: 'ATTIVA' | 'CANCELLATA';
      readonly creataIl: string;
      readonly lotti: readonly LottoSimog[];
    });

type Comando<T extends GaraSimogCommand['type']> = Extract<GaraSimogCommand, { type: T }>;
const OGGETTO_MAX = 300;
const CPV = /^\d{8}-\d$/;

function evolve(s: GaraSimogState, e: GaraSimogEvent): GaraSimogState {
  switch (e.type) {
    case 'GaraSimogCreata': {
      const { il, ...dati } = e.data;
      return { ...dati, esiste: true, stato: 'ATTIVA', creataIl: il, lotti: [] };
    }
    case 'LottoSimogAggiunto':
      return s.esiste ? { ...s, lotti: [...s.lotti, e.data.lotto] } : s;
    case 'GaraSimogCancellata':
      return s.esiste ? { ...s, stato: 'CANCELLATA' } : s;
    default: {
      const _: never = e;
      return s;
    }
  }
}

function problemiDati(oggetto: string, importo: string | undefined, campo: string, obbligatorio: boolean): Problema[] {
  const p: Problema[] = [];
  const sezione = campo === 'datiGara' ? 'dati di gara' : 'lotti';
  if (oggetto.trim().length === 0 || oggetto.length > OGGETTO_MAX) p.push({ sezione, campo: `${campo}.oggetto`, codice: 'OGGETTO_NON_VALIDO', messaggio: `obbligatorio, al massimo ${OGGETTO_MAX} caratteri` });
  if ((importo !== undefined || obbligatorio) && (!isImporto(importo) || centesimi(importo) <= 0)) {
    p.push({ sezione, campo: `${campo}.importo`, codice: 'IMPORTO_NON_VALIDO', messaggio: `"${importo ?? ''}" non è un importo in euro maggiore di zero` });
  }
  return p;
}

function creaGara(c: Comando<'CreaGaraSimog'>, s: GaraSimogState, x: GaraSimogContext): GaraSimogEvent[] {
  if (s.esiste) throw conflitto('GARA_ESISTENTE', `La gara ${c.garaId} esiste già`);
  const problemi = problemiDati(c.oggetto, c.importoComplessivo, 'datiGara', false);
  if (problemi.length > 0) throw nonValido('DATI_GARA_NON_VALIDI', 'I dati della gara contengono errori', problemi);
  // Avviso AVCP-SIMOG 2011: CIGs from SIMOG since 26/4/2011; no new ones from 1/1/2024 (tabella-regole).
  verificaRegola('SIMOG_ACQUISIZIONE_CIG', x.now);
  verificaRup(c.rup, c.centroDiCosto, x);
  const { garaId, numeroGara, ufficio, importoComplessivo } = c;
  return [{
    type: 'GaraSimogCreata',
    data: {
      garaId, numeroGara, oggetto: c.oggetto.trim(), ...(importoComplessivo ? { importoComplessivo } : {}),
      stazioneAppaltante: stazioneAppaltante(c.stazioneAppaltante), centroDiCosto: centroDiCosto(c.centroDiCosto), ufficio,
      rup: persona(c.rup), creatoDa: persona(c.creatoDa), il: x.now.toISOString(),
    },
  }];
}

function aggiungiLotto(c: Comando<'AggiungiLottoSimog'>, s: GaraSimogState, x: GaraSimogContext): GaraSimogEvent[] {
  if (!s.esiste) throw nonTrovato('GARA_NON_TROVATA', 'Gara SIMOG non trovata');
  const problemi = problemiDati(c.dati.oggetto, c.dati.importo, 'lotto', true);
  if (c.dati.cpv !== undefined && !CPV.test(c.dati.cpv)) problemi.push({ sezione: 'lotti', campo: 'lotto.cpv', codice: 'CPV_NON_VALIDO', messaggio: 'CPV nel formato NNNNNNNN-N' });
  if (problemi.length > 0) throw nonValido('DATI_LOTTO_NON_VALIDI', 'I dati del lotto contengono errori', problemi);
  const esistente = s.lotti.find((l) => l.cig === c.cig);
  if (esistente) return [];
  if (s.stato === 'CANCELLATA') throw conflitto('GARA_CANCELLATA', `La gara ${s.numeroGara} è cancellata`);
  verificaRegola('SIMOG_ACQUISIZIONE_CIG', x.now);
  if (!x.cigValido(c.cig) || /^[XYZ]/.test(c.cig)) throw regola('CIG_NON_VALIDO', `Il codice ${c.cig} non è un CIG SIMOG valido (algoritmo ANAC)`);
  const { oggetto, importo, oggettoPrincipale, cpv } = c.dati;
  const lotto: LottoSimog = { lotIdentifier: `LOT-${String(s.lotti.length + 1).padStart(4, '0')}`, cig: c.cig, oggetto: oggetto.trim(), importo, oggettoPrincipale, ...(cpv ? { cpv } : {}) };
  return [{ type: 'LottoSimogAggiunto', data: { garaId: s.garaId, lotto, il: x.now.toISOString() } }];
}

/**
 * States from which a lot's CIG never comes back: cancelled (not perfected), annulled (perfected,
 * on request), expired (not perfected in time: "come se non esistesse"), superseded.
 */
const CHIUSI: readonly StatoCig[] = ['CANCELLATO', 'ANNULLATO', 'SCADUTO', 'SOSTITUITO'];

/**
 * A gara is closed only when none of its lots is still alive (DESIGN §2: "cancellable only when
 * all its lotti are"; the avviso of 26/4/2011 names the cancellation of non-perfected CIGs and the
 * annulment of perfected ones, not a rule for the gara): a lot cancelled, another annulled or
 * expired, is a gara with nothing left.
 */
function cancellaGara(c: Comando<'CancellaGaraSimog'>, s: GaraSimogState, x: GaraSimogContext): GaraSimogEvent[] {
  if (!s.esiste) throw nonTrovato('GARA_NON_TROVATA', 'Gara SIMOG non trovata');
  if (s.stato === 'CANCELLATA') return [];
  const attivi = s.lotti.filter((l) => !CHIUSI.includes(x.statoCig(l.cig) as StatoCig));
  if (attivi.length > 0) {
    throw regola(
      'LOTTI_NON_CANCELLATI',
      `La gara ${s.numeroGara} si cancella solo quando nessun suo lotto è ancora in vita (tutti cancellati, annullati o scaduti): restano ${attivi.map((l) => `${l.lotIdentifier} (CIG ${l.cig}, ${(x.statoCig(l.cig) ?? 'sconosciuto').toLowerCase()})`).join(', ')}`,
    );
  }
  const motivo = c.motivo?.trim();
  return [{ type: 'GaraSimogCancellata', data: { garaId: s.garaId, ...(motivo ? { motivo } : {}), il: x.now.toISOString() } }];
}

function decide(c: GaraSimogCommand, s: GaraSimogState, x: GaraSimogContext): GaraSimogEvent[] {
  switch (c.type) {
    case 'CreaGaraSimog':
      return creaGara(c, s, x);
    case 'AggiungiLottoSimog':
      return aggiungiLotto(c, s, x);
    case 'CancellaGaraSimog':
      return cancellaGara(c, s, x);
    default: {
      const _: never = c;
      return [];
    }
  }
}

/** The SIMOG gara (`gara-simog-<uuid>`, avviso AVCP-SIMOG 2011) as a pure decider; its lots' CIGs live in their own streams. */
export const garaSimogDecider: Decider<GaraSimogCommand, GaraSimogEvent, GaraSimogState, GaraSimogContext> = {
  initialState: { esiste: false },
  evolve,
  decide,
};
