import { generaCig } from '#anac';
import type { AppaltoRecord, CigSostituito, SimState } from './model.js';
import { statoLegacyIniziale, type StatoLegacy } from '../legacy/modello.js';

/** Where the state lives between restarts; the default keeps it in memory only. */
export interface StatePersistence {
  load(): SimState | undefined;
  save(state: SimState): void;
}

export const memoryOnly: StatePersistence = { load: () => undefined, save: () => undefined };

/**
 * The simulator's store. Records are live objects: an operation mutates them, then calls
 * `commit()`, which writes the whole state through to the persistence before the answer is
 * sent (so "crash after commit" faults really find the change on disk).
 */
export interface SimStore {
  appalto(idAppalto: string): AppaltoRecord | undefined;
  appalti(): readonly AppaltoRecord[];
  aggiungi(appalto: AppaltoRecord): void;
  /** A new, never issued CIG in the PCP letter family. */
  nuovoCig(): string;
  sostituisciCig(sostituito: CigSostituito): void;
  cigSostituito(cig: string): CigSostituito | undefined;
  cigSostituiti(): readonly CigSostituito[];
  /** SIMOG and SmartCIG state (live object: mutate, then commit). */
  legacy(): StatoLegacy;
  commit(): void;
  svuota(): void;
}

// PCP codes: letter A..U then a 6-hex-digit progressive (ANAC, algoritmoValidazioneCIG.md).
// One global counter walks the progressives of a letter, then moves to the next letter.
const LETTERE = 'ABCDEFGHIJKLMNOPQRSTU';
const PROGRESSIVI_PER_LETTERA = 0x1000000;
// Start at B000001…: plausible present-day PCP codes, distinct from the all-zero progressive.
const PRIMO_CIG = 1 * PROGRESSIVI_PER_LETTERA + 1;

export const statoIniziale = (): SimState => ({ versione: 1, appalti: [], prossimoCig: PRIMO_CIG, cigSostituiti: [] });

export function cigDaContatore(n: number): string {
  const lettera = LETTERE.charAt(Math.floor(n / PROGRESSIVI_PER_LETTERA));
  if (!lettera) throw new RangeError('CIG esauriti: il simulatore ha emesso tutti i progressivi A..U');
  return generaCig('SIMOG_PCP', n % PROGRESSIVI_PER_LETTERA, lettera);
}

export class InMemorySimStore implements SimStore {
  private state: SimState;
  private readonly indice = new Map<string, AppaltoRecord>();

  constructor(private readonly persistence: StatePersistence = memoryOnly) {
    this.state = persistence.load() ?? statoIniziale();
    for (const a of this.state.appalti) this.indice.set(a.idAppalto, a);
  }

  appalto(idAppalto: string): AppaltoRecord | undefined {
    return this.indice.get(idAppalto);
  }

  appalti(): readonly AppaltoRecord[] {
    return this.state.appalti;
  }

  aggiungi(appalto: AppaltoRecord): void {
    // Only a misconfigured IdGenerator (e.g. SequentialIds restarted over a saved state) repeats ids.
    if (this.indice.has(appalto.idAppalto)) throw new Error(`idAppalto ${appalto.idAppalto} già presente: l'IdGenerator ha ripetuto un id`);
    this.state.appalti.push(appalto);
    this.indice.set(appalto.idAppalto, appalto);
  }

  nuovoCig(): string {
    const cig = cigDaContatore(this.state.prossimoCig);
    this.state.prossimoCig += 1;
    return cig;
  }

  sostituisciCig(sostituito: CigSostituito): void {
    this.state.cigSostituiti.push(sostituito);
  }

  cigSostituito(cig: string): CigSostituito | undefined {
    return this.state.cigSostituiti.find((c) => c.cig === cig);
  }

  cigSostituiti(): readonly CigSostituito[] {
    return this.state.cigSostituiti;
  }

  legacy(): StatoLegacy {
    this.state.legacy ??= statoLegacyIniziale();
    return this.state.legacy;
  }

  commit(): void {
    this.persistence.save(this.state);
  }

  /** Forgets every appalto but keeps the CIG counter: a code is never issued twice. */
  svuota(): void {
    const contatori = this.state.legacy?.contatori;
    this.state = { ...statoIniziale(), prossimoCig: this.state.prossimoCig, ...(contatori ? { legacy: { ...statoLegacyIniziale(), contatori } } : {}) };
    this.indice.clear();
    this.commit();
  }
}
