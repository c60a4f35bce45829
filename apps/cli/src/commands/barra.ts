import type { CommandIo } from './valida-cig.js';

export interface OpzioniBarra {
  /** Raw writer of a terminal (the bar redraws itself with \r); without it, a progress line every `ogniMs`. */
  readonly terminale?: (testo: string) => void;
  readonly ogniMs?: number;
  readonly ora?: () => number;
}

/**
 * A progress bar on stderr: done/total, rate and estimated time left. On a terminal it redraws
 * one line; in a pipe or a log it prints a line now and then, so scripts keep a readable trace.
 */
export class Barra {
  private readonly inizio: number;
  private ultimaRiga = 0;

  constructor(
    private readonly io: CommandIo,
    private readonly unita: string,
    private readonly opzioni: OpzioniBarra = {},
  ) {
    this.inizio = this.ora();
  }

  static perProcesso(io: CommandIo, unita: string): Barra {
    const tty = process.stderr.isTTY ? (testo: string) => void process.stderr.write(testo) : undefined;
    return new Barra(io, unita, { terminale: tty });
  }

  aggiorna(fatti: number, totale?: number, fase?: string): void {
    const quota = totale && totale > 0 ? Math.min(1, fatti / totale) : undefined;
    this.mostra(quota, fatti, `${fatti.toLocaleString('it-IT')}${totale ? `/${totale.toLocaleString('it-IT')}` : ''}`, fase);
  }

  /** When the total is not a count (share of the log read), with `fatti` still the count done. */
  aggiornaQuota(quota: number, fatti: number, fase?: string): void {
    this.mostra(quota, fatti, fatti.toLocaleString('it-IT'), fase);
  }

  private mostra(quota: number | undefined, fatti: number, conteggio: string, fase?: string): void {
    const secondi = Math.max((this.ora() - this.inizio) / 1000, 0.001);
    const rate = fatti / secondi;
    const eta = quota !== undefined && quota > 0.001 && quota < 1 ? ` · ETA ${durata((secondi / quota) * (1 - quota))}` : '';
    const barra = quota === undefined ? '' : `[${'#'.repeat(Math.round(quota * 30)).padEnd(30, '.')}] ${(quota * 100).toFixed(1).padStart(5)}% `;
    const testo = `${fase ? `${fase} ` : ''}${barra}${conteggio} ${this.unita} · ${Math.round(rate).toLocaleString('it-IT')}/s${eta}`;
    if (this.opzioni.terminale) this.opzioni.terminale(`\r${testo}\u001b[K`);
    else if (this.ora() - this.ultimaRiga >= (this.opzioni.ogniMs ?? 2000)) {
      this.ultimaRiga = this.ora();
      this.io.err(testo);
    }
  }

  fine(messaggio: string): void {
    if (this.opzioni.terminale) this.opzioni.terminale('\n');
    this.io.err(`${messaggio} (${durata((this.ora() - this.inizio) / 1000)})`);
  }

  private ora(): number {
    return (this.opzioni.ora ?? (() => performance.now()))();
  }
}

export function durata(secondi: number): string {
  const s = Math.round(secondi);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : m}:${String(s % 60).padStart(2, '0')}`;
}
