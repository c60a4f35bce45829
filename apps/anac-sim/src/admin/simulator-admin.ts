import { avanza } from '../engine/avanzamento.js';
import type { Contesto } from '../engine/contesto.js';
import { aggiornaTimings, type SimTimings } from '../engine/timings.js';
import type {
  CrashAfterCommitOptions, EmptyEsitiOptions, FaultsSnapshot, KoOptions, LatencyOptions, LongWaitOptions, OutageOptions,
  TooManyRequestsOptions,
} from '../faults/fault-types.js';
import { FaultOptionError } from '../faults/fault-plan.js';
import { decidiAnnullamento } from '../legacy/azioni-simog.js';
import { isTipoOperazioneAsincrona } from '../pcp/tipologiche.js';
import type { AppaltoRecord } from '../state/model.js';
import type { CallRecord, CallsLog } from './calls-log.js';
import type { StatoLegacy } from '../legacy/modello.js';

/** What tests read about an appalto (not an ANAC shape: the simulator's own view). */
export interface AppaltoView {
  readonly idAppalto: string;
  readonly codiceAppalto: string;
  readonly codiceScheda: string;
  readonly stato: string;
  readonly saCodiceAusa: string;
  readonly saCodiceFiscale: string;
  readonly rupCodiceFiscale: string;
  readonly dataCreazione: string;
  readonly oggetto: string;
  readonly lotti: ReadonlyArray<{ lotIdentifier: string; cig?: string; oggetto: string; importo: number; stato: string }>;
  readonly avvisi: ReadonlyArray<{ idAvviso: string; stato: string }>;
  readonly cigSostituiti: ReadonlyArray<{ cig: string; lotIdentifier: string; sostituitoDa: string }>;
  readonly esiti: ReadonlyArray<{ tipoOperazione: string; esito: string; dettaglio: string; creatoIl: string; errori?: string[] }>;
  readonly operazioniInCorso: ReadonlyArray<{ tipoOperazione: string; attesaMs: number; pollsRichiesti: number; pollsVisti: number }>;
}

/** Programmatic twin of the `/__admin` HTTP API: fault injection, timings, and read access to state. */
export interface SimulatorAdmin {
  outage(options?: OutageOptions): void;
  clearOutages(): void;
  latency(options: LatencyOptions): void;
  tooManyRequests(options?: TooManyRequestsOptions): void;
  programKo(options?: KoOptions): void;
  crashAfterCommit(options: CrashAfterCommitOptions): void;
  longWait(options: LongWaitOptions): void;
  /**
   * Ends the waits of operations already acknowledged (of one type, or all): their esito is final
   * at the next call. Releases what `longWait` held; returns how many operations were released.
   */
  endWaits(options?: { tipoOperazione?: string }): number;
  emptyEsiti(options: EmptyEsitiOptions): void;
  resetFaults(): void;
  faults(): FaultsSnapshot;
  timings(): SimTimings;
  setTimings(timings: Partial<SimTimings>): SimTimings;
  appalti(): AppaltoView[];
  appalto(idAppalto: string): AppaltoView | undefined;
  /** How many appalti exist per codiceAppalto: a test asserts none was created twice. */
  countByCodiceAppalto(): Record<string, number>;
  calls(): CallRecord[];
  clearCalls(): void;
  /** Forgets every appalto (the CIG counter is kept: codes are never reissued). */
  resetState(): void;
  /** SIMOG and SmartCIG state: gare, CIGs, carnets (a copy). */
  legacy(): StatoLegacy;
  /** The Authority decides an annulment request of a SIMOG CIG: annulled (`accolto`) or left perfected. */
  esitoAnnullamento(options: { cig: string; accolto: boolean }): void;
}

export class SimulatorAdminImpl implements SimulatorAdmin {
  constructor(private readonly c: Contesto, private readonly log: CallsLog) {}

  outage(o: OutageOptions = {}): void { this.c.faults.outage(o); }
  clearOutages(): void { this.c.faults.clearOutages(); }
  latency(o: LatencyOptions): void { this.c.faults.latency(o); }
  tooManyRequests(o: TooManyRequestsOptions = {}): void { this.c.faults.tooManyRequests(o); }
  programKo(o: KoOptions = {}): void { this.c.faults.ko(o); }
  crashAfterCommit(o: CrashAfterCommitOptions): void { this.c.faults.crashAfterCommit(o); }
  longWait(o: LongWaitOptions): void { this.c.faults.longWait(o); }
  endWaits(o: { tipoOperazione?: string } = {}): number {
    if (o.tipoOperazione !== undefined && !isTipoOperazioneAsincrona(o.tipoOperazione)) throw new FaultOptionError('tipoOperazione: AP_CONF, AP_VERIF, AV_PUBB o AV_MOD');
    let rilasciate = 0;
    for (const a of this.c.store.appalti()) {
      a.inCorso = a.inCorso.map((op) => {
        if (o.tipoOperazione !== undefined && op.tipoOperazione !== o.tipoOperazione) return op;
        rilasciate++;
        return { ...op, attesaMs: 0, pollsRichiesti: 0 };
      });
    }
    this.c.store.commit();
    return rilasciate;
  }
  emptyEsiti(o: EmptyEsitiOptions): void { this.c.faults.emptyEsitiList(o); }
  resetFaults(): void { this.c.faults.reset(); }
  faults(): FaultsSnapshot { return this.c.faults.snapshot(); }

  timings(): SimTimings { return { ...this.c.timings }; }
  setTimings(t: Partial<SimTimings>): SimTimings {
    this.c.timings = aggiornaTimings(this.c.timings, t);
    return this.timings();
  }

  appalti(): AppaltoView[] {
    avanza(this.c);
    return this.c.store.appalti().map((a) => this.vista(a));
  }

  appalto(idAppalto: string): AppaltoView | undefined {
    avanza(this.c);
    const a = this.c.store.appalto(idAppalto);
    return a && this.vista(a);
  }

  countByCodiceAppalto(): Record<string, number> {
    const conteggio: Record<string, number> = {};
    for (const a of this.c.store.appalti()) conteggio[a.codiceAppalto] = (conteggio[a.codiceAppalto] ?? 0) + 1;
    return conteggio;
  }

  calls(): CallRecord[] { return this.log.list(); }
  clearCalls(): void { this.log.clear(); }
  resetState(): void { this.c.store.svuota(); }

  legacy(): StatoLegacy { return structuredClone(this.c.store.legacy()); }
  esitoAnnullamento(o: { cig: string; accolto: boolean }): void {
    if (typeof o?.cig !== 'string' || typeof o.accolto !== 'boolean') throw new FaultOptionError('attesi cig (testo) e accolto (sì/no)');
    try {
      decidiAnnullamento(this.c, o.cig, o.accolto);
    } catch (error) {
      throw new FaultOptionError((error as Error).message);
    }
  }

  private vista(a: AppaltoRecord): AppaltoView {
    return {
      idAppalto: a.idAppalto, codiceAppalto: a.codiceAppalto, codiceScheda: a.scheda.codice, stato: a.stato,
      saCodiceAusa: a.saCodiceAusa, saCodiceFiscale: a.saCodiceFiscale, rupCodiceFiscale: a.rupCodiceFiscale,
      dataCreazione: a.dataCreazione, oggetto: a.oggetto,
      lotti: a.lotti.map((l) => ({ lotIdentifier: l.lotIdentifier, ...(l.cig ? { cig: l.cig } : {}), oggetto: l.oggetto, importo: l.importo, stato: a.stato })),
      avvisi: a.avvisi.map((v) => ({ idAvviso: v.idAvviso, stato: v.stato })),
      cigSostituiti: this.c.store.cigSostituiti()
        .filter((x) => x.idAppalto === a.idAppalto)
        .map((x) => ({ cig: x.cig, lotIdentifier: x.lotIdentifier, sostituitoDa: x.sostituitoDa })),
      esiti: a.esiti.map((e) => ({
        tipoOperazione: e.tipoOperazione, esito: e.esito, dettaglio: e.dettaglio, creatoIl: e.creatoIl,
        ...(e.errori ? { errori: e.errori.map((x) => x.codice) } : {}),
      })),
      operazioniInCorso: a.inCorso.map((o) => ({ tipoOperazione: o.tipoOperazione, attesaMs: o.attesaMs, pollsRichiesti: o.pollsRichiesti, pollsVisti: o.pollsVisti })),
    };
  }
}
