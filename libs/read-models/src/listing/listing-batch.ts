import { chiaveLotto, COLONNE_COPIATE, type RigaAppalto, type RigaLotto } from './listing-righe.js';

/**
 * The listing rows one batch of events touches, held in memory while the batch is folded and
 * written back at the end with a few multi-row statements (a rebuild pays a handful of round
 * trips per batch, not one per event). Pure: no I/O, no clock.
 *
 * Loading contract: for every appalto the batch names, its request row and *all* its lot rows
 * are loaded (`caricaAppalto`); for every CIG it names, the rows carrying that code
 * (`caricaLotto`); for every carnet it names, its code rows. Rows not loaded are treated as
 * absent, like an UPDATE matching nothing.
 */
export class ListingBatch {
  private readonly appalti = new Map<string, RigaAppalto>();
  private readonly lotti = new Map<string, Map<string, RigaLotto>>();
  private readonly perCig = new Map<string, Set<string>>();
  private readonly righeLotto = new Map<string, RigaLotto>();
  private readonly appaltiModificati = new Set<string>();
  private readonly lottiModificati = new Set<string>();
  private readonly lottiRimossi = new Map<string, { appalto_id: string; lot_identifier: string }>();

  caricaAppalto(riga: RigaAppalto): void {
    this.appalti.set(riga.appalto_id, riga);
    if (!this.lotti.has(riga.appalto_id)) this.lotti.set(riga.appalto_id, new Map());
  }

  caricaLotto(riga: RigaLotto): void {
    const chiave = chiaveLotto(riga.appalto_id, riga.lot_identifier);
    if (this.righeLotto.has(chiave)) return;
    this.righeLotto.set(chiave, riga);
    let lotti = this.lotti.get(riga.appalto_id);
    if (!lotti) this.lotti.set(riga.appalto_id, (lotti = new Map()));
    lotti.set(riga.lot_identifier, riga);
    if (riga.cig) this.indicizza(riga.cig, chiave);
  }

  appalto(appaltoId: string): RigaAppalto | undefined {
    return this.appalti.get(appaltoId);
  }

  lottiDi(appaltoId: string): RigaLotto[] {
    return [...(this.lotti.get(appaltoId)?.values() ?? [])];
  }

  lotto(appaltoId: string, lotIdentifier: string): RigaLotto | undefined {
    return this.lotti.get(appaltoId)?.get(lotIdentifier);
  }

  /** Rows carrying `cig` now (a code replaced by modifica-avviso no longer does). */
  lottiConCig(cig: string): RigaLotto[] {
    return [...(this.perCig.get(cig) ?? [])].map((k) => this.righeLotto.get(k)!).filter((r) => r.cig === cig);
  }

  /** The code rows of a carnet (SmartCIG rows carrying its number), as loaded and as created in the batch. */
  lottiDelCarnet(numero: string): RigaLotto[] {
    return [...this.righeLotto.values()].filter((r) => r.id_appalto_anac === numero && r.modalita === 'SMARTCIG' && r.regime === 'SMARTCIG');
  }

  creaAppalto(riga: RigaAppalto): boolean {
    if (this.appalti.has(riga.appalto_id)) return false;
    this.caricaAppalto(riga);
    this.appaltiModificati.add(riga.appalto_id);
    return true;
  }

  creaLotto(riga: RigaLotto): boolean {
    const chiave = chiaveLotto(riga.appalto_id, riga.lot_identifier);
    if (this.righeLotto.has(chiave)) return false;
    this.lottiRimossi.delete(chiave);
    this.caricaLotto(riga);
    this.lottiModificati.add(chiave);
    return true;
  }

  rimuoviLotto(appaltoId: string, lotIdentifier: string): void {
    const chiave = chiaveLotto(appaltoId, lotIdentifier);
    if (!this.righeLotto.has(chiave)) return;
    this.righeLotto.delete(chiave);
    this.lotti.get(appaltoId)?.delete(lotIdentifier);
    this.lottiModificati.delete(chiave);
    this.lottiRimossi.set(chiave, { appalto_id: appaltoId, lot_identifier: lotIdentifier });
  }

  /**
   * Changes the request row and, for the columns copied onto lots, each of its lots. A function
   * decides from the current request row (or returns undefined to change nothing).
   */
  aggiornaAppalto(appaltoId: string, valori: Partial<RigaAppalto> | ((riga: RigaAppalto) => Partial<RigaAppalto> | undefined)): void {
    const appalto = this.appalti.get(appaltoId);
    if (!appalto) return;
    const v = typeof valori === 'function' ? valori(appalto) : valori;
    if (!v) return;
    Object.assign(appalto, v);
    this.appaltiModificati.add(appaltoId);
    for (const lotto of this.lottiDi(appaltoId)) this.aggiornaLotto(lotto, copiabili(v));
  }

  aggiornaLotto(riga: RigaLotto, valori: Partial<RigaLotto>): void {
    const chiave = chiaveLotto(riga.appalto_id, riga.lot_identifier);
    if (this.righeLotto.get(chiave) !== riga) return;
    if (valori.cig !== undefined && valori.cig !== riga.cig && valori.cig !== null) this.indicizza(valori.cig, chiave);
    Object.assign(riga, valori);
    this.lottiModificati.add(chiave);
  }

  /** What to write back: changed request rows, changed or new lot rows, removed lots. */
  modifiche(): { appalti: RigaAppalto[]; lotti: RigaLotto[]; rimossi: Array<{ appalto_id: string; lot_identifier: string }> } {
    return {
      appalti: [...this.appaltiModificati].map((id) => this.appalti.get(id)!),
      lotti: [...this.lottiModificati].map((k) => this.righeLotto.get(k)!),
      rimossi: [...this.lottiRimossi.values()],
    };
  }

  /** The changes were written: nothing pending any more. */
  scritto(): void {
    this.appaltiModificati.clear();
    this.lottiModificati.clear();
    this.lottiRimossi.clear();
  }

  haModifiche(): boolean {
    return this.appaltiModificati.size + this.lottiModificati.size + this.lottiRimossi.size > 0;
  }

  private indicizza(cig: string, chiave: string): void {
    let chiavi = this.perCig.get(cig);
    if (!chiavi) this.perCig.set(cig, (chiavi = new Set()));
    chiavi.add(chiave);
  }
}

function copiabili(valori: Partial<RigaAppalto>): Partial<RigaLotto> {
  const out: Partial<RigaLotto> = {};
  for (const colonna of COLONNE_COPIATE) if (colonna in valori) (out as Record<string, unknown>)[colonna] = valori[colonna];
  return out;
}
