import type { OggettoPrincipale } from '../shared/vocabolario.js';
import { regola } from '../shared/domain-error.js';
import { centesimi, type Importo } from '../shared/importo.js';
import type { DatiSmartCig, FattispecieSmartCig } from '../smart-cig/types.js';
import { formatoItaliano, giornoItaliano, type Giorno } from './calendario-italiano.js';
import { verificaRegola } from './tabella-regole.js';

/**
 * SmartCIG amount limits by fattispecie and main object, as dated data (DESIGN §2). `limite`
 * absent: any amount. `inclusa`: the limit itself is allowed ("fino a"), otherwise strictly below
 * ("inferiore a"). Days are Italian calendar days, both ends inclusive.
 */
export interface SogliaSmartCig {
  readonly fattispecie: FattispecieSmartCig;
  readonly oggetti: readonly OggettoPrincipale[];
  readonly limite?: Importo;
  readonly inclusa: boolean;
  readonly validoDal: Giorno;
  readonly validoAl: Giorno;
  readonly fonte: string;
}

const TUTTI: readonly OggettoPrincipale[] = ['LAVORI', 'SERVIZI', 'FORNITURE'];
const FINE_SMARTCIG = '2023-12-31';

export const TABELLA_SOGLIE_SMARTCIG: readonly SogliaSmartCig[] = [
  {
    fattispecie: 'AFFIDAMENTO_SOTTO_SOGLIA', oggetti: ['LAVORI'], limite: '40000', inclusa: false, validoDal: '2011-05-02', validoAl: FINE_SMARTCIG,
    fonte: 'nota SMART CIG 2011: "contratti di lavori con importo inferiore a 40 mila euro" (art. 125 d.lgs. 163/2006)',
  },
  {
    fattispecie: 'AFFIDAMENTO_SOTTO_SOGLIA', oggetti: ['SERVIZI', 'FORNITURE'], limite: '20000', inclusa: false, validoDal: '2011-05-02', validoAl: '2011-07-12',
    fonte: 'nota SMART CIG 2011: "contratti di servizi e forniture di importo inferiore a 20 mila euro" (art. 125 c. 11 d.lgs. 163/2006, testo originario)',
  },
  {
    fattispecie: 'AFFIDAMENTO_SOTTO_SOGLIA', oggetti: ['SERVIZI', 'FORNITURE'], limite: '40000', inclusa: false, validoDal: '2011-07-13', validoAl: FINE_SMARTCIG,
    fonte: 'avviso AVCP-SIMOG 2011: "lavori, servizi e forniture di importo inferiore a 40.000 euro"; art. 125 c. 11 elevato a 40.000 euro dal D.L. 70/2011 conv. L. 106/2011, in vigore dal 13/07/2011',
  },
  {
    fattispecie: 'CONTRATTO_ESCLUSO', oggetti: TUTTI, limite: '150000', inclusa: true, validoDal: '2011-05-02', validoAl: FINE_SMARTCIG,
    fonte: 'nota SMART CIG 2011: "contratti esclusi in tutto o in parte dall\'applicazione del codice fino ad € 150 mila"',
  },
  {
    fattispecie: 'CONTRATTO_ART_16_17_18', oggetti: TUTTI, inclusa: true, validoDal: '2011-05-02', validoAl: FINE_SMARTCIG,
    fonte: 'nota SMART CIG 2011: "contratti di cui agli artt. 16, 17, 18 del Codice, senza considerare l\'importo"',
  },
  {
    fattispecie: 'CONTRATTO_ART_149_218', oggetti: TUTTI, inclusa: true, validoDal: '2011-05-02', validoAl: FINE_SMARTCIG,
    fonte: 'nota SMART CIG 2011: "contratti di cui agli artt. 218 e 149 del codice" (nessun limite di importo indicato)',
  },
];

const euro = (i: Importo) => `${Number(i).toLocaleString('it-IT', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} euro`;

/** The threshold row for this fattispecie and object in force on `data`, if any. */
export function sogliaVigente(fattispecie: FattispecieSmartCig, oggetto: OggettoPrincipale, data: Date, tabella = TABELLA_SOGLIE_SMARTCIG): SogliaSmartCig | undefined {
  const giorno = giornoItaliano(data);
  return tabella.find((r) => r.fattispecie === fattispecie && r.oggetti.includes(oggetto) && r.validoDal <= giorno && giorno <= r.validoAl);
}

/**
 * Throws 422 unless a SmartCIG for these data may be issued on `data`: the SMARTCIG regime must be
 * in force (REGIME_NON_VIGENTE) and the amount within the threshold of its fattispecie
 * (SOGLIA_SMARTCIG_SUPERATA), both naming the rule and its source.
 */
export function verificaSogliaSmartCig(dati: Pick<DatiSmartCig, 'fattispecie' | 'oggettoPrincipale' | 'importo'>, data: Date, tabella = TABELLA_SOGLIE_SMARTCIG): SogliaSmartCig {
  verificaRegola('SMARTCIG', data);
  const soglia = sogliaVigente(dati.fattispecie, dati.oggettoPrincipale, data, tabella);
  const giorno = formatoItaliano(giornoItaliano(data));
  if (!soglia) throw regola('SOGLIA_SMARTCIG_NON_DEFINITA', `Nessuna soglia SmartCIG per ${dati.fattispecie} (${dati.oggettoPrincipale}) in vigore il ${giorno}`);
  if (soglia.limite === undefined) return soglia;
  const entro = soglia.inclusa ? centesimi(dati.importo) <= centesimi(soglia.limite) : centesimi(dati.importo) < centesimi(soglia.limite);
  if (!entro) {
    throw regola(
      'SOGLIA_SMARTCIG_SUPERATA',
      `Regola SMARTCIG_SOGLIA: per ${dati.fattispecie} (${dati.oggettoPrincipale.toLowerCase()}) lo SmartCIG è ammesso ${soglia.inclusa ? 'fino a' : 'sotto'} ${euro(soglia.limite)} ` +
        `il ${giorno} (in vigore dal ${formatoItaliano(soglia.validoDal)} al ${formatoItaliano(soglia.validoAl)}; fonte: ${soglia.fonte}); importo richiesto ${euro(dati.importo)}`,
      [{ sezione: 'dati di gara', campo: 'dati.importo', codice: 'SOGLIA_SMARTCIG_SUPERATA', messaggio: `Importo oltre la soglia SmartCIG (${soglia.inclusa ? 'massimo' : 'inferiore a'} ${euro(soglia.limite)})` }],
    );
  }
  return soglia;
}
