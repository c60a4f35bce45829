import { generaCig } from '#anac';
import { DomainError, DIMENSIONE_CARNET, GIORNI_RENDICONTAZIONE, GIORNI_VALIDITA_CARNET, MASSIMO_CARNET_ATTIVI, piuGiorni, verificaSogliaSmartCig, type DatiSmartCig } from '#domain';
import type { Contesto } from '../engine/contesto.js';
import type { AzioneLegacy } from './azioni-simog.js';
import { unaVolta } from './azioni-simog.js';
import { ErroreLegacy } from './errori-legacy.js';
import type { CarnetLegacy, CigLegacy } from './modello.js';
import { richiediVigente, stessoRupECdc, stessoTitolare, testo, type RichiestaLegacy } from './richiesta-legacy.js';

/** SmartCIG (nota SMART CIG 2011): single codes with their minimal data, carnets of 50, the 2-active and 30-day rules. */

const nuovoSmartCig = (c: Contesto) => generaCig('SMART_CIG', c.store.legacy().contatori.smartCig++, 'X');

/** The Authority's threshold check, as of the request's date (the dated table of libs/domain). */
function soglia(dati: unknown, data: Date): DatiSmartCig {
  const d = dati as DatiSmartCig;
  if (!d || typeof d.importo !== 'string' || typeof d.fattispecie !== 'string' || typeof d.oggettoPrincipale !== 'string') throw new ErroreLegacy('LEG08', 'dati SmartCIG mancanti');
  try {
    verificaSogliaSmartCig(d, data);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new ErroreLegacy(error.code === 'REGIME_NON_VIGENTE' ? 'LEG01' : 'LEG05', error.message);
  }
  return d;
}

function smartCigDelChiamante(c: Contesto, r: RichiestaLegacy): CigLegacy {
  const codice = testo(r.corpo, 'cig').toUpperCase();
  const cig = c.store.legacy().cig.find((x) => x.cig === codice && x.servizio === 'SMARTCIG');
  if (!cig) throw new ErroreLegacy('LEG03', codice);
  if (!stessoTitolare(cig, r.titolare)) throw new ErroreLegacy('LEG12', `lo SmartCIG ${codice} è di un'altra stazione appaltante`);
  return cig;
}

export const richiediSmartCig: AzioneLegacy = (c, r) => unaVolta(c, 'richiedi-smartcig', r, () => {
  const dati = soglia(r.corpo.dati, r.data);
  const cig = nuovoSmartCig(c);
  c.store.legacy().cig.push({ ...r.titolare, cig, servizio: 'SMARTCIG', dataCreazione: r.data.toISOString(), stato: 'PERFEZIONATO', dati });
  return { cig };
});

export const modificaSmartCig: AzioneLegacy = (c, r) => {
  const cig = smartCigDelChiamante(c, r);
  if (cig.stato === 'ANNULLATO') throw new ErroreLegacy('LEG04', 'comunicazione annullata');
  cig.dati = soglia(r.corpo.dati, r.data);
  return { cig: cig.cig };
};

export const annullaSmartCig: AzioneLegacy = (c, r) => {
  const cig = smartCigDelChiamante(c, r);
  richiediVigente('SMARTCIG', r.data);
  cig.stato = 'ANNULLATO';
  return { cig: cig.cig };
};

const termine = (k: CarnetLegacy) => piuGiorni(new Date(k.dataScadenza), GIORNI_RENDICONTAZIONE).getTime();
const inRitardo = (k: CarnetLegacy, ora: number) => termine(k) <= ora && Object.values(k.codici).includes('NON_RENDICONTATO');

/** Nota SMART CIG 2011: at most two active carnets; none while an expired one's data are 30 days late. */
export const richiediCarnet: AzioneLegacy = (c, r) => unaVolta(c, 'richiedi-carnet', r, () => {
  richiediVigente('CARNET_SMARTCIG', r.data);
  const s = c.store.legacy();
  const ora = r.data.getTime();
  const miei = s.carnet.filter((k) => stessoRupECdc(k, r.titolare));
  const attivi = miei.filter((k) => Date.parse(k.dataRilascio) <= ora && ora < Date.parse(k.dataScadenza));
  if (attivi.length >= MASSIMO_CARNET_ATTIVI) throw new ErroreLegacy('LEG06', attivi.map((k) => k.numero).join(', '));
  const ritardo = miei.filter((k) => inRitardo(k, ora));
  if (ritardo.length > 0) throw new ErroreLegacy('LEG07', ritardo.map((k) => k.numero).join(', '));
  const numero = `CARNET/${String(s.contatori.carnet++).padStart(7, '0')}`;
  const codici = Array.from({ length: DIMENSIONE_CARNET }, () => nuovoSmartCig(c));
  const carnet: CarnetLegacy = {
    ...r.titolare, numero, dataRilascio: r.data.toISOString(), dataScadenza: piuGiorni(r.data, GIORNI_VALIDITA_CARNET).toISOString(),
    codici: Object.fromEntries(codici.map((cig) => [cig, 'NON_RENDICONTATO' as const])),
  };
  s.carnet.push(carnet);
  return { numero, codici, dataRilascio: carnet.dataRilascio, dataScadenza: carnet.dataScadenza };
});

function codiceDelCarnet(c: Contesto, r: RichiestaLegacy): { carnet: CarnetLegacy; cig: string } {
  const carnet = c.store.legacy().carnet.find((k) => k.numero === testo(r.corpo, 'numero'));
  if (!carnet || !stessoTitolare(carnet, r.titolare)) throw new ErroreLegacy('LEG09', testo(r.corpo, 'numero'));
  const cig = testo(r.corpo, 'cig').toUpperCase();
  if (!carnet.codici[cig]) throw new ErroreLegacy('LEG03', `${cig} non è del carnet ${carnet.numero}`);
  return { carnet, cig };
}

/** Data after the 30 days are accepted but late: they lift the block on new carnets. */
export const comunicaCigCarnet: AzioneLegacy = (c, r) => {
  const { carnet, cig } = codiceDelCarnet(c, r);
  if (carnet.codici[cig] === 'ANNULLATO') throw new ErroreLegacy('LEG04', 'CIG annullato');
  soglia(r.corpo.dati, new Date(carnet.dataRilascio));
  carnet.codici[cig] = 'COMUNICATO';
  return { numero: carnet.numero, cig, tardiva: r.data.getTime() >= termine(carnet) };
};

export const annullaCigCarnet: AzioneLegacy = (c, r) => {
  const { carnet, cig } = codiceDelCarnet(c, r);
  if (carnet.codici[cig] === 'COMUNICATO') throw new ErroreLegacy('LEG04', 'CIG già comunicato');
  carnet.codici[cig] = 'ANNULLATO';
  return { numero: carnet.numero, cig, tardiva: r.data.getTime() >= termine(carnet) };
};
