import { generaCig } from '../cig/cig-code.js';
import { COLONNE_CIG } from './riga-cig.js';

/** Options of {@link campioneCigAnac}. */
export interface OpzioniCampione {
  /** Lines with a bad CIG at these 1-based data row numbers (the header is not counted). */
  readonly cigErrati?: readonly number[];
  /** Lines with a malformed date at these data row numbers. */
  readonly dateErrate?: readonly number[];
  /** Every how many rows one is a SmartCIG (default 5) and one is cancelled (default 7). */
  readonly ogniSmartCig?: number;
  readonly ogniCancellato?: number;
  readonly separatoreRiga?: '\n' | '\r\n';
}

const q = (v: string) => (v === '' ? '' : `"${v.replace(/"/g, '""')}"`);

/**
 * Lines of a sample file in the format of ANAC's open data dataset `cig` (semicolon separated,
 * quoted, header row, the columns of {@link COLONNE_CIG}): valid codes of the period's families,
 * original dates spread over 2012–2023, a few SmartCIGs and cancellations; bad rows on request.
 * For tests and `npm run bench:import`: no real data is shipped.
 */
export function* campioneCigAnac(righe: number, o: OpzioniCampione = {}): Generator<string> {
  const fine = o.separatoreRiga ?? '\r\n';
  const cigErrati = new Set(o.cigErrati ?? []);
  const dateErrate = new Set(o.dateErrate ?? []);
  yield COLONNE_CIG.join(';') + fine;
  for (let n = 1; n <= righe; n++) {
    const smart = n % (o.ogniSmartCig ?? 5) === 0;
    const anno = 2012 + (n % 12);
    const giorno = `${anno}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`;
    let cig = smart ? generaCig('SMART_CIG', n) : generaCig('SIMOG_NUMERICO', 1_000_000 + n);
    if (cigErrati.has(n)) cig = `${cig.slice(0, 9)}${cig[9] === '0' ? '1' : '0'}`;
    const cancellato = n % (o.ogniCancellato ?? 7) === 0;
    const valori: Record<(typeof COLONNE_CIG)[number], string> = {
      cig, cig_accordo_quadro: '', numero_gara: smart ? '' : String(6_000_000 + Math.floor(n / 3)), oggetto_gara: `Gara ${Math.floor(n / 3)}: servizi di "pulizia"; lotti vari`,
      importo_complessivo_gara: '150000.00', n_lotti_componenti: '3', oggetto_lotto: `Lotto ${n} - servizi di pulizia`, importo_lotto: `${1000 + (n % 9000)}.50`,
      oggetto_principale_contratto: 'SERVIZI', stato: cancellato ? 'CANCELLATO' : 'ATTIVO', settore: 'SETTORI ORDINARI', luogo_istat: '048017', provincia: 'FI',
      data_pubblicazione: dateErrate.has(n) ? '31/02/2019' : giorno, data_scadenza_offerta: '', cod_tipo_scelta_contraente: '26',
      tipo_scelta_contraente: 'AFFIDAMENTO DIRETTO', codice_ausa: '0000246180', cf_amministrazione_appaltante: '01386030488',
      denominazione_amministrazione_appaltante: 'REGIONE TOSCANA', id_centro_costo: 'CDC-TOSCANA-CONTRATTI', denominazione_centro_costo: 'Settore Contratti',
      cod_cpv: '90910000-9', descrizione_cpv: 'Servizi di pulizia', COD_MOTIVO_CANCELLAZIONE: cancellato ? '2' : '', DATA_CANCELLAZIONE: cancellato ? `${anno}-12-30` : '',
      DATA_ULTIMO_PERFEZIONAMENTO: cancellato || smart ? '' : giorno, FLAG_URGENZA: 'N', IMPORTO_SICUREZZA: '0', COD_ESITO: '', ESITO: '',
    };
    yield COLONNE_CIG.map((c) => q(valori[c])).join(';') + fine;
  }
}
