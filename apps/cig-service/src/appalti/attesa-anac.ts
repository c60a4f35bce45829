import type { OperazioneAnac } from '#domain';
import type { Pratica } from '../anac/pratiche.store.js';

const MINUTO = 60_000;

/** What the detail of an appalto says of one operation being carried out with ANAC. */
export interface AttesaAnac {
  readonly operazione: OperazioneAnac;
  readonly richiestaId: string;
  /** When the operation was asked for. */
  readonly dal: string;
  readonly passo: string;
  readonly ultimoMessaggio: string | null;
  /** Since when ANAC is awaited (an esito still WT, or ANAC unreachable); null while it answers at once. */
  readonly inAttesaAnacDal: string | null;
  readonly inAttesaAnacDaMinuti: number | null;
  /** Whole hours of the same wait (kept for clients that read it). */
  readonly inAttesaAnacDaOre: number | null;
  /** "in attesa ANAC da 2 h 10 min". */
  readonly descrizioneAttesa: string | null;
  /** The wait passed ANAC_ATTESA_ALLARME. */
  readonly allarme: boolean;
  readonly prossimoTentativo: string;
}

/** Every operation still being carried out with ANAC (conferma, pubblicazione, modifica avviso, cancellazione), newest first. */
export function atteseAnac(pratiche: readonly Pratica[], adesso: Date, sogliaAllarmeMs: number): AttesaAnac[] {
  return pratiche.filter((p) => p.stato === 'ATTIVA').map((p) => attesa(p, adesso, sogliaAllarmeMs));
}

function attesa(p: Pratica, adesso: Date, sogliaAllarmeMs: number): AttesaAnac {
  const ms = p.inAttesaDal ? Math.max(0, adesso.getTime() - p.inAttesaDal.getTime()) : undefined;
  const minuti = ms === undefined ? null : Math.floor(ms / MINUTO);
  return {
    operazione: p.operazione,
    richiestaId: p.richiestaId,
    dal: p.creataIl.toISOString(),
    passo: p.passo,
    ultimoMessaggio: p.ultimoErrore ?? null,
    inAttesaAnacDal: p.inAttesaDal?.toISOString() ?? null,
    inAttesaAnacDaMinuti: minuti,
    inAttesaAnacDaOre: minuti === null ? null : Math.floor(minuti / 60),
    descrizioneAttesa: minuti === null ? null : `in attesa ANAC da ${durata(minuti)}`,
    allarme: ms !== undefined && ms >= sogliaAllarmeMs,
    prossimoTentativo: p.prossimoTentativo.toISOString(),
  };
}

/** "2 h 10 min", "3 h", "25 min", "meno di 1 min". */
export function durata(minuti: number): string {
  if (minuti < 1) return 'meno di 1 min';
  const ore = Math.floor(minuti / 60);
  const resto = minuti % 60;
  if (ore === 0) return `${resto} min`;
  return resto === 0 ? `${ore} h` : `${ore} h ${resto} min`;
}
