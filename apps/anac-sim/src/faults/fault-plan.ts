import type { Clock } from '#platform';
import { erroreTipologica, type ErroreTipologica } from '../pcp/errori.js';
import { isOperazioneSimulata, type OperazioneSimulata as OperazionePcp } from '../legacy/operazioni.js';
import { isTipoOperazione, isTipoOperazioneAsincrona, type TipoOperazione, type TipoOperazioneAsincrona } from '../pcp/tipologiche.js';
import type {
  CrashAfterCommitOptions, EmptyEsitiOptions, FaultsSnapshot, KoOptions, LatencyOptions, LongWaitOptions,
  OutageMode, OutageOptions, TooManyRequestsOptions,
} from './fault-types.js';

/** Bad options for a fault: the admin API answers 400 with the message. */
export class FaultOptionError extends Error {
  override readonly name = 'FaultOptionError';
}

type Limits = { untilMs?: number; callsLeft?: number };
type Scoped = { operations?: readonly OperazionePcp[] };

export type BeforeCall = { kind: 'drop' } | { kind: '503' } | { kind: '429'; retryAfterSeconds: number } | undefined;

/**
 * The faults currently programmed and every decision about them. Windows are measured with the
 * injected clock and random ranges drawn with the injected `random`, so a test that controls
 * both gets the same faults on every run.
 */
export class FaultPlan {
  private outages: Array<{ mode: OutageMode; fromMs: number; untilMs?: number } & Scoped> = [];
  private latencies: Array<LatencyOptions & Limits> = [];
  private tooMany: Array<{ retryAfterSeconds: number } & Limits & Scoped> = [];
  private kos: Array<KoOptions & { timesLeft: number }> = [];
  private crashes: Array<{ operation: OperazionePcp; callsLeft: number; mode: 'drop' | '504' }> = [];
  private longWaits: LongWaitOptions[] = [];
  private emptyEsiti: Array<{ pollsLeft: number; tipoOperazione?: TipoOperazione }> = [];

  constructor(private readonly clock: Clock, private readonly random: () => number) {}

  outage(o: OutageOptions = {}): void {
    const mode = o.mode ?? '503';
    if (mode !== '503' && mode !== 'drop') throw new FaultOptionError('mode deve essere "503" o "drop"');
    const now = this.now();
    this.outages.push({ mode, fromMs: now, ...this.until(o.ms, 'ms'), ...scope(o.operations) });
  }

  latency(o: LatencyOptions): void {
    const fixed = o.ms !== undefined;
    const range = o.minMs !== undefined || o.maxMs !== undefined;
    if (fixed === range) throw new FaultOptionError('indicare ms oppure minMs e maxMs');
    if (fixed) count(o.ms, 'ms', 0);
    else if (count(o.minMs, 'minMs', 0) > count(o.maxMs, 'maxMs', 0)) throw new FaultOptionError('minMs > maxMs');
    this.latencies.push({ ...o, ...this.until(o.forMs, 'forMs'), ...calls(o.calls), ...scope(o.operations) });
  }

  tooManyRequests(o: TooManyRequestsOptions = {}): void {
    const retryAfterSeconds = o.retryAfterSeconds === undefined ? 1 : count(o.retryAfterSeconds, 'retryAfterSeconds', 0);
    const limits = o.ms === undefined && o.calls === undefined ? { callsLeft: 1 } : { ...this.until(o.ms, 'ms'), ...calls(o.calls) };
    this.tooMany.push({ retryAfterSeconds, ...limits, ...scope(o.operations) });
  }

  ko(o: KoOptions = {}): void {
    const tipoOperazione = o.tipoOperazione ?? 'AP_CONF';
    if (!['AP_CONF', 'AP_VERIF', 'AV_PUBB'].includes(tipoOperazione)) throw new FaultOptionError('tipoOperazione: AP_CONF, AP_VERIF o AV_PUBB');
    for (const e of o.errori ?? []) if (typeof e?.codice !== 'string' || e.codice === '') throw new FaultOptionError('errori[].codice obbligatorio');
    this.kos.push({ ...o, tipoOperazione, timesLeft: o.times === undefined ? 1 : count(o.times, 'times', 1) });
  }

  crashAfterCommit(o: CrashAfterCommitOptions): void {
    if (!isOperazioneSimulata(o?.operation)) throw new FaultOptionError('operation: nome di un\'operazione PCP, es. crea-appalto');
    const mode = o.mode ?? 'drop';
    if (mode !== 'drop' && mode !== '504') throw new FaultOptionError('mode deve essere "drop" o "504"');
    this.crashes.push({ operation: o.operation, mode, callsLeft: o.calls === undefined ? 1 : count(o.calls, 'calls', 1) });
  }

  longWait(o: LongWaitOptions): void {
    if (!isTipoOperazioneAsincrona(o?.tipoOperazione)) throw new FaultOptionError('tipoOperazione: AP_CONF, AP_VERIF, AV_PUBB o AV_MOD');
    if (o.ms !== undefined) count(o.ms, 'ms', 0);
    if (o.polls !== undefined) count(o.polls, 'polls', 0);
    this.longWaits.push({ ...o });
  }

  emptyEsitiList(o: EmptyEsitiOptions): void {
    if (o?.tipoOperazione !== undefined && !isTipoOperazione(o.tipoOperazione)) throw new FaultOptionError('tipoOperazione sconosciuto');
    this.emptyEsiti.push({ pollsLeft: count(o?.polls, 'polls', 1), ...(o.tipoOperazione ? { tipoOperazione: o.tipoOperazione } : {}) });
  }

  clearOutages(): void {
    this.outages = [];
  }

  reset(): void {
    this.outages = [];
    this.latencies = [];
    this.tooMany = [];
    this.kos = [];
    this.crashes = [];
    this.longWaits = [];
    this.emptyEsiti = [];
  }

  snapshot(): FaultsSnapshot {
    this.expire();
    return structuredClone({
      outages: this.outages, latencies: this.latencies, tooManyRequests: this.tooMany, kos: this.kos,
      crashesAfterCommit: this.crashes, longWaits: this.longWaits, emptyEsiti: this.emptyEsiti,
    });
  }

  /** Delay to add to this call (ms); the delay itself is real time, only the decision is injected. */
  latencyFor(op: OperazionePcp): number {
    this.expire();
    const l = this.latencies.find((x) => applies(x, op));
    if (!l) return 0;
    consume(l);
    if (l.ms !== undefined) return l.ms;
    return Math.round(l.minMs! + this.random() * (l.maxMs! - l.minMs!));
  }

  /** Outage, then 429: decided before the call reaches identity checks and the operation. */
  beforeCall(op: OperazionePcp): BeforeCall {
    this.expire();
    const outage = this.outages.find((x) => applies(x, op));
    if (outage) return { kind: outage.mode };
    const tooMany = this.tooMany.find((x) => applies(x, op));
    if (!tooMany) return undefined;
    consume(tooMany);
    return { kind: '429', retryAfterSeconds: tooMany.retryAfterSeconds };
  }

  /** After the operation ran and its changes were saved: lose the answer? */
  afterCommit(op: OperazionePcp): 'drop' | '504' | undefined {
    const crash = this.crashes.find((x) => x.operation === op && x.callsLeft > 0);
    if (!crash) return undefined;
    crash.callsLeft -= 1;
    this.crashes = this.crashes.filter((x) => x.callsLeft > 0);
    return crash.mode;
  }

  /** A programmed KO for this operation and appalto, consumed when the operation is acknowledged. */
  takeKo(tipoOperazione: TipoOperazioneAsincrona, codiceAppalto: string): ErroreTipologica[] | undefined {
    const ko = this.kos.find((k) => k.tipoOperazione === tipoOperazione && (k.codiceAppalto === undefined || k.codiceAppalto === codiceAppalto));
    if (!ko) return undefined;
    ko.timesLeft -= 1;
    this.kos = this.kos.filter((k) => k.timesLeft > 0);
    const predefinito = tipoOperazione === 'AV_PUBB' ? 'ERR64' : 'ERR46';
    const errori = ko.errori?.length ? ko.errori : [{ codice: predefinito, dettaglio: 'KO programmato dal simulatore' }];
    return errori.map((e) => erroreTipologica(e.codice, e.dettaglio));
  }

  extraWait(tipoOperazione: TipoOperazioneAsincrona): { ms: number; polls: number } {
    return this.longWaits
      .filter((w) => w.tipoOperazione === tipoOperazione)
      .reduce((acc, w) => ({ ms: acc.ms + (w.ms ?? 0), polls: acc.polls + (w.polls ?? 0) }), { ms: 0, polls: 0 });
  }

  /** True when this esito-operazione call must answer an empty list (consumes one poll). */
  takeEmptyEsiti(tipoOperazione: string): boolean {
    const e = this.emptyEsiti.find((x) => x.pollsLeft > 0 && (x.tipoOperazione === undefined || x.tipoOperazione === tipoOperazione));
    if (!e) return false;
    e.pollsLeft -= 1;
    this.emptyEsiti = this.emptyEsiti.filter((x) => x.pollsLeft > 0);
    return true;
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private until(ms: number | undefined, name: string): { untilMs?: number } {
    return ms === undefined ? {} : { untilMs: this.now() + count(ms, name, 0) };
  }

  private expire(): void {
    const now = this.now();
    const alive = (x: Limits) => (x.untilMs === undefined || now < x.untilMs) && (x.callsLeft === undefined || x.callsLeft > 0);
    this.outages = this.outages.filter(alive);
    this.latencies = this.latencies.filter(alive);
    this.tooMany = this.tooMany.filter(alive);
  }
}

function count(v: unknown, name: string, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new FaultOptionError(`${name} deve essere un intero >= ${min}`);
  return v;
}

const calls = (n: number | undefined): { callsLeft?: number } => (n === undefined ? {} : { callsLeft: count(n, 'calls', 1) });

function scope(operations: readonly OperazionePcp[] | undefined): Scoped {
  if (operations === undefined) return {};
  if (!Array.isArray(operations) || !operations.every(isOperazioneSimulata)) throw new FaultOptionError('operations: elenco di operazioni PCP');
  return { operations: [...operations] };
}

const applies = (x: Scoped, op: OperazionePcp) => x.operations === undefined || x.operations.includes(op);

function consume(x: Limits): void {
  if (x.callsLeft !== undefined) x.callsLeft -= 1;
}
