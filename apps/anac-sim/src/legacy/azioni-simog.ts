import { generaCig } from '#anac';
import { giornoItaliano, piuGiorni, regolaVigente } from '#domain';
import type { Contesto } from '../engine/contesto.js';
import { ErroreLegacy } from './errori-legacy.js';
import type { CigLegacy } from './modello.js';
import { richiediVigente, stessoTitolare, testo, type RichiestaLegacy } from './richiesta-legacy.js';

export type AzioneLegacy = (c: Contesto, r: RichiestaLegacy) => Record<string, unknown>;

/**
 * SIMOG codes by period: the numeric family (7 decimal digits + 3 hex) until the progressive ran
 * out, then the letter family (A + 6 hex + 3 hex). The exact switch day is not in the sources:
 * the simulator uses 1/1/2023 (documented in README).
 */
const INIZIO_FAMIGLIA_LETTERA = '2023-01-01';

function nuovoCigSimog(c: Contesto, data: Date): string {
  const k = c.store.legacy().contatori;
  if (giornoItaliano(data) < INIZIO_FAMIGLIA_LETTERA) return generaCig('SIMOG_NUMERICO', k.simogNumerico++);
  return generaCig('SIMOG_PCP', k.simogLettera++, 'A');
}

/** The same request again (same idRichiesta) gets the first answer: no second gara or code. */
export function unaVolta(c: Contesto, op: string, r: RichiestaLegacy, esegui: () => Record<string, unknown>): Record<string, unknown> {
  const id = testo(r.corpo, 'idRichiesta');
  const chiave = `${op}:${r.titolare.saCodiceAusa}:${id}`;
  const risposte = c.store.legacy().risposte;
  return (risposte[chiave] ??= esegui());
}

function cigDelChiamante(c: Contesto, r: RichiestaLegacy, servizio: CigLegacy['servizio']): CigLegacy {
  const codice = testo(r.corpo, 'cig').toUpperCase();
  const cig = c.store.legacy().cig.find((x) => x.cig === codice && x.servizio === servizio);
  if (!cig) throw new ErroreLegacy('LEG03', codice);
  if (!stessoTitolare(cig, r.titolare)) throw new ErroreLegacy('LEG12', `il CIG ${codice} è di un'altra stazione appaltante`);
  return cig;
}

export const creaGara: AzioneLegacy = (c, r) => unaVolta(c, 'crea-gara', r, () => {
  richiediVigente('SIMOG_ACQUISIZIONE_CIG', r.data);
  const s = c.store.legacy();
  const numeroGara = String(s.contatori.numeroGara++);
  s.gare.push({ ...r.titolare, numeroGara, oggetto: testo(r.corpo, 'oggetto'), dataCreazione: r.data.toISOString(), cancellata: false, lotti: [] });
  return { numeroGara };
});

export const creaLotto: AzioneLegacy = (c, r) => unaVolta(c, 'crea-lotto', r, () => {
  richiediVigente('SIMOG_ACQUISIZIONE_CIG', r.data);
  const s = c.store.legacy();
  const gara = s.gare.find((g) => g.numeroGara === testo(r.corpo, 'numeroGara'));
  if (!gara || !stessoTitolare(gara, r.titolare)) throw new ErroreLegacy('LEG02', testo(r.corpo, 'numeroGara'));
  if (gara.cancellata) throw new ErroreLegacy('LEG04', 'gara cancellata');
  testo(r.corpo, 'oggetto');
  const cig = nuovoCigSimog(c, r.data);
  gara.lotti.push(cig);
  s.cig.push({ ...r.titolare, cig, servizio: 'SIMOG', numeroGara: gara.numeroGara, dataCreazione: r.data.toISOString(), stato: 'CREATO' });
  return { cig };
});

/** Until 31/12/2023 any; from 1/1/2024 only procedures published by 31/12/2023. */
export const perfezionaCig: AzioneLegacy = (c, r) => {
  const cig = cigDelChiamante(c, r, 'SIMOG');
  const pubblicazione = testo(r.corpo, 'dataPubblicazione');
  if (cig.stato === 'PERFEZIONATO' && cig.dataPubblicazione === pubblicazione) return { cig: cig.cig, stato: cig.stato };
  if (cig.stato !== 'CREATO') throw new ErroreLegacy('LEG04', `CIG ${cig.stato.toLowerCase()}`);
  if (!regolaVigente('SIMOG_ACQUISIZIONE_CIG', r.data)) {
    richiediVigente('SIMOG_SOLO_PERFEZIONAMENTO', r.data);
    if (pubblicazione > '2023-12-31') throw new ErroreLegacy('LEG11', `pubblicata il ${pubblicazione}`);
  }
  cig.stato = 'PERFEZIONATO';
  cig.dataPubblicazione = pubblicazione;
  return { cig: cig.cig, stato: cig.stato };
};

export const cancellaCig: AzioneLegacy = (c, r) => {
  const cig = cigDelChiamante(c, r, 'SIMOG');
  const motivo = Number(r.corpo.codiceMotivo);
  if (![1, 2, 3, 4].includes(motivo) || (motivo === 4 && testo(r.corpo, 'nota', false) === '')) throw new ErroreLegacy('LEG08', 'codiceMotivo 1-4, nota obbligatoria con 4');
  if (cig.stato === 'CANCELLATO') return { cig: cig.cig, stato: cig.stato };
  if (cig.stato !== 'CREATO') throw new ErroreLegacy('LEG04', 'un CIG perfezionato si annulla su richiesta');
  cig.stato = 'CANCELLATO';
  return { cig: cig.cig, stato: cig.stato };
};

/** A CIG SIMOG created and never perfected within this many days has expired ("come se non esistesse"). */
export const GIORNI_PERFEZIONAMENTO_SIMOG = 90;

/** A lot that will never come back: its CIG cancelled, annulled, or expired unperfected at the request's date. */
function chiuso(cig: CigLegacy | undefined, data: Date): boolean {
  if (!cig) return false;
  if (cig.stato === 'CANCELLATO' || cig.stato === 'ANNULLATO') return true;
  return cig.stato === 'CREATO' && data.getTime() >= piuGiorni(new Date(cig.dataCreazione), GIORNI_PERFEZIONAMENTO_SIMOG).getTime();
}

/** A gara is cancelled once none of its lots is alive (cancelled, annulled or expired). */
export const cancellaGara: AzioneLegacy = (c, r) => {
  const s = c.store.legacy();
  const gara = s.gare.find((g) => g.numeroGara === testo(r.corpo, 'numeroGara'));
  if (!gara || !stessoTitolare(gara, r.titolare)) throw new ErroreLegacy('LEG02', testo(r.corpo, 'numeroGara'));
  const vivi = gara.lotti.filter((cig) => !chiuso(s.cig.find((x) => x.cig === cig), r.data));
  if (vivi.length > 0) throw new ErroreLegacy('LEG10', vivi.join(', '));
  gara.cancellata = true;
  return { numeroGara: gara.numeroGara };
};

/** Avviso AVCP-SIMOG 2011: the request (then by fax) with motivation and the RUP's identity document; the answer comes later. */
export const richiediAnnullamento: AzioneLegacy = (c, r) => {
  const cig = cigDelChiamante(c, r, 'SIMOG');
  testo(r.corpo, 'motivazione');
  testo(r.corpo, 'documentoIdentitaRup');
  if (cig.stato !== 'PERFEZIONATO' && cig.stato !== 'ANNULLAMENTO_RICHIESTO') throw new ErroreLegacy('LEG04', 'si annulla solo un CIG perfezionato');
  cig.stato = 'ANNULLAMENTO_RICHIESTO';
  return { cig: cig.cig, protocollo: `ANN-${String(c.store.legacy().contatori.protocollo++).padStart(6, '0')}` };
};

/** The Authority's decision on an annulment request (it answered by fax or PEC): annulled, or perfected as before. */
export function decidiAnnullamento(c: Contesto, codice: string, accolto: boolean): void {
  const cig = c.store.legacy().cig.find((x) => x.cig === codice.toUpperCase() && x.servizio === 'SIMOG');
  if (!cig) throw new ErroreLegacy('LEG03', codice);
  if (cig.stato !== 'ANNULLAMENTO_RICHIESTO') throw new ErroreLegacy('LEG04', `nessuna richiesta di annullamento per il CIG ${cig.cig}`);
  cig.stato = accolto ? 'ANNULLATO' : 'PERFEZIONATO';
  c.store.commit();
}
