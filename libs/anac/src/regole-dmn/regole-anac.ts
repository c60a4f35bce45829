import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Problema, Sezione } from '#domain';
import type { SchedaPcp } from '../gateway/anac-gateway.js';
import { problemiTipologicheScheda } from './tipologiche-scheda.js';
import { caricaRegoleAnac, cartellaTabelle, valutaTabella, type InsiemeRegoleAnac, type OpzioniCaricamento, type TabellaDmn, type ViolazioneDmn } from './motore-dmn.js';

/** The schede CIG Ledger sends or may send; their tables are the ones loaded at start. */
export const SCHEDE_CON_REGOLE = ['AD5', 'AD3', 'P5', 'P2_16', 'P2_17', 'P1_16', 'P1_17'] as const;

export interface RegoleAnac extends InsiemeRegoleAnac {
  /** ANAC's text of each error code (`tipologiche/errori.json`), when the folder has it. */
  readonly testi: ReadonlyMap<string, string>;
}

/** Reads errori.json (beside `regole/` in ANAC's `modello-dati`); tolerant of trailing commas. */
function testiErrori(cartellaRegole: string): Map<string, string> {
  const file = join(dirname(cartellaRegole), 'tipologiche', 'errori.json');
  if (!existsSync(file)) return new Map();
  const voci = JSON.parse(readFileSync(file, 'utf8').replace(/,(\s*[\]}])/g, '$1')) as Array<{ codice: string; descrizione?: { it?: string } }>;
  return new Map(voci.filter((v) => v.descrizione?.it).map((v) => [v.codice, v.descrizione!.it!.trim()]));
}

/** Loads the tables of the schede we send from ANAC_REGOLE_DIR, with ANAC's error texts. */
export async function caricaRegoleSchede(dir: string, orologio?: () => number, opzioni?: OpzioniCaricamento): Promise<RegoleAnac> {
  const insieme = await caricaRegoleAnac(dir, SCHEDE_CON_REGOLE, orologio, opzioni);
  return { ...insieme, testi: testiErrori(cartellaTabelle(dir)) };
}

/** The inputs ANAC's tables name, read from the scheda's anacForm (its shape: `docs/modello-dati/schede/`). */
export function inputDellaScheda(scheda: SchedaPcp): Record<string, unknown> {
  const anacForm = (scheda.body as { anacForm?: Record<string, unknown> }).anacForm ?? {};
  return {
    appalto: anacForm.appalto ?? null,
    lotti: anacForm.lotti ?? [],
    aggiudicazioni: anacForm.aggiudicazioni ?? [],
    stazioniAppaltanti: anacForm.stazioniAppaltanti ?? [],
  };
}


const SEZIONE_DI: Record<string, Sezione> = {
  appalto: 'dati di gara',
  lotti: 'lotti',
  aggiudicazioni: 'aggiudicazioni',
  stazioniAppaltanti: 'rup e centro di costo',
};

/** The section of the red markers a rule belongs to: the input its test reads (CPV tests go to classificazione). */
function sezione(tabella: TabellaDmn, v: ViolazioneDmn): { sezione: Sezione; campo: string } {
  const regola = tabella.regole.find((r) => r.id === v.regola);
  const i = regola?.condizioni.findIndex((c) => c !== '' && c !== '-') ?? -1;
  const nome = i >= 0 ? tabella.input[i] : 'appalto';
  const test = i >= 0 ? regola!.condizioni[i] : '';
  if (/cpv/i.test(test)) return { sezione: 'classificazione', campo: `${nome}.cpv` };
  return { sezione: SEZIONE_DI[nome] ?? 'dati di gara', campo: nome };
}

/** Text after "REGnn:" in the rule's description, when errori.json does not have the code. */
const testoDescrizione = (d: string) => d.replace(/^\s*(?:REG|ERR)[0-9]+\s*:\s*/, '').trim();

/**
 * Every error ANAC's tables raise on this scheda, as red-marker problems with ANAC's code and text,
 * then ERR63 for each value not in ANAC's code lists (`problemiTipologicheScheda`).
 * A scheda without a table in the set gives only the latter. `valuta` is the engine (the compiled
 * one; `valutaTabellaInterpretata`, feelin's interpreter only, is what it is compared with).
 */
export function problemiRegoleAnac(regole: RegoleAnac, scheda: SchedaPcp, valuta: typeof valutaTabella = valutaTabella): Problema[] {
  return [...problemiTabella(regole, scheda, valuta), ...problemiTipologicheScheda(scheda)];
}

function problemiTabella(regole: RegoleAnac, scheda: SchedaPcp, valuta: typeof valutaTabella): Problema[] {
  const tabella = regole.tabelle.get(scheda.codice.codice);
  if (!tabella) return [];
  return valuta(tabella, inputDellaScheda(scheda)).map((v) => ({
    ...sezione(tabella, v),
    codice: v.codice,
    messaggio: regole.testi.get(v.codice) ?? testoDescrizione(v.descrizione),
  }));
}
