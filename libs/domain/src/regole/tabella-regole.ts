import { regola } from '../shared/domain-error.js';
import { formatoItaliano, giornoItaliano, type Giorno } from './calendario-italiano.js';

/**
 * Rules are dated data (DESIGN §2): each row says from which Italian calendar day to which one
 * (inclusive, through 23:59:59.999 in Rome) a rule applies, and which act says so. A rule may
 * have several rows when successive acts extended it (the AD5 web route).
 */
export type IdRegola =
  | 'PCP_ACQUISIZIONE_CIG'
  | 'SIMOG_ACQUISIZIONE_CIG'
  | 'SMARTCIG'
  | 'SIMOG_SOLO_PERFEZIONAMENTO'
  | 'AD5_INTERFACCIA_WEB_PCP'
  | 'CARNET_SMARTCIG';

export interface RegolaDatata {
  readonly id: IdRegola;
  readonly descrizione: string;
  readonly fonte: string;
  readonly validoDal: Giorno;
  /** Last day of validity, inclusive; absent while the rule is in force. */
  readonly validoAl?: Giorno;
}

const AD5_WEB = "Acquisizione del CIG per affidamenti diretti sotto 5.000 euro (scheda AD5) dall'interfaccia web PCP";

export const TABELLA_REGOLE: readonly RegolaDatata[] = [
  {
    id: 'PCP_ACQUISIZIONE_CIG',
    descrizione: 'Acquisizione dei CIG tramite la Piattaforma Contratti Pubblici (PCP)',
    fonte: 'Delibera ANAC n. 582 del 13/12/2023; d.lgs. 36/2023 art. 225',
    validoDal: '2024-01-01',
  },
  {
    id: 'SIMOG_ACQUISIZIONE_CIG',
    descrizione: "Acquisizione dei CIG tramite SIMOG presso l'Autorità",
    fonte: 'Comunicato AVCP: CIG richiesti all’Autorità dal 26 aprile 2011 (avviso AVCP-SIMOG 2011); fine con la PCP (Delibera ANAC n. 582 del 13/12/2023)',
    validoDal: '2011-04-26',
    validoAl: '2023-12-31',
  },
  {
    id: 'SMARTCIG',
    descrizione: 'Acquisizione di SmartCIG singoli e carnet in modalità semplificata',
    fonte: 'Servizio SMART CIG disponibile dal 2 maggio 2011 (nota SMART CIG 2011); non più disponibile con la PCP (manuale START Richiedi CIG)',
    validoDal: '2011-05-02',
    validoAl: '2023-12-31',
  },
  {
    id: 'SIMOG_SOLO_PERFEZIONAMENTO',
    descrizione: 'SIMOG consente solo il perfezionamento dei CIG di procedure pubblicate entro il 31/12/2023',
    fonte: 'Delibera ANAC n. 582 del 13/12/2023',
    validoDal: '2024-01-01',
  },
  {
    id: 'CARNET_SMARTCIG',
    descrizione: 'Richiesta di carnet da 50 SmartCIG (massimo due attivi, validi 90 giorni, dati entro 30 giorni dalla scadenza)',
    fonte: 'Servizio SMART CIG, gestione carnet, dal 2 maggio 2011 (nota SMART CIG 2011); non più disponibile con la PCP (manuale START Richiedi CIG)',
    validoDal: '2011-05-02',
    validoAl: '2023-12-31',
  },
  { id: 'AD5_INTERFACCIA_WEB_PCP', descrizione: AD5_WEB, fonte: 'Delibera ANAC n. 582 del 13/12/2023 (tutorial CIG su PCP)', validoDal: '2024-01-01', validoAl: '2024-06-30' },
  { id: 'AD5_INTERFACCIA_WEB_PCP', descrizione: AD5_WEB, fonte: 'Comunicato del Presidente ANAC del 10/01/2024 (tutorial CIG su PCP)', validoDal: '2024-07-01', validoAl: '2024-09-30' },
  { id: 'AD5_INTERFACCIA_WEB_PCP', descrizione: AD5_WEB, fonte: "Proroga ANAC dell'acquisizione da interfaccia web PCP degli affidamenti diretti sotto 5.000 euro", validoDal: '2024-10-01', validoAl: '2024-12-31' },
  { id: 'AD5_INTERFACCIA_WEB_PCP', descrizione: AD5_WEB, fonte: "Proroga ANAC dell'acquisizione da interfaccia web PCP degli affidamenti diretti sotto 5.000 euro", validoDal: '2025-01-01', validoAl: '2025-06-30' },
];

const copre = (riga: RegolaDatata, giorno: Giorno) => riga.validoDal <= giorno && (riga.validoAl === undefined || giorno <= riga.validoAl);

/** The row of rule `id` in force on `data` (an instant, read as an Italian calendar day), if any. */
export function regolaVigente(id: IdRegola, data: Date, tabella: readonly RegolaDatata[] = TABELLA_REGOLE): RegolaDatata | undefined {
  const giorno = giornoItaliano(data);
  return tabella.find((riga) => riga.id === id && copre(riga, giorno));
}

const periodo = (r: RegolaDatata) =>
  r.validoAl === undefined ? `dal ${formatoItaliano(r.validoDal)}` : `dal ${formatoItaliano(r.validoDal)} al ${formatoItaliano(r.validoAl)}`;

/** Throws 422 REGIME_NON_VIGENTE, naming the rule, its periods and its sources, unless it applies on `data`. */
export function verificaRegola(id: IdRegola, data: Date, tabella: readonly RegolaDatata[] = TABELLA_REGOLE): RegolaDatata {
  const vigente = regolaVigente(id, data, tabella);
  if (vigente) return vigente;
  const righe = tabella.filter((r) => r.id === id);
  const dettaglio = righe.map((r) => `${periodo(r)} (fonte: ${r.fonte})`).join('; ');
  throw regola(
    'REGIME_NON_VIGENTE',
    `Regola ${id} non vigente il ${formatoItaliano(giornoItaliano(data))}: ${righe[0]?.descrizione ?? id}, in vigore ${dettaglio}`,
  );
}
