import type { OperazioneSimulata as OperazionePcp } from '../legacy/operazioni.js';

/** One ANAC call received, as tests see it through the admin API. */
export interface CallRecord {
  readonly operation: OperazionePcp;
  readonly method: string;
  readonly path: string;
  /** Injected-clock time the call arrived. */
  readonly at: string;
  /** HTTP status answered, or `dropped` when the socket was destroyed without a response. */
  readonly status: number | 'dropped';
  /** Set when a programmed fault decided the outcome. */
  readonly fault?: 'outage' | 'too-many-requests' | 'crash-after-commit' | 'gateway-timeout-after-commit';
  readonly errori?: readonly string[];
  readonly userCodiceFiscale?: string;
  readonly latencyMs?: number;
  /** The client's `X-Request-ID`, when sent. */
  readonly requestId?: string;
}

// Bounded so that a simulator left running for days does not grow without limit.
const MASSIMO = 10_000;

export class CallsLog {
  private records: CallRecord[] = [];

  record(call: CallRecord): void {
    this.records.push(call);
    if (this.records.length > MASSIMO) this.records.splice(0, this.records.length - MASSIMO);
  }

  list(): CallRecord[] {
    return [...this.records];
  }

  clear(): void {
    this.records = [];
  }
}
