import type { AppendSignal, EventStore } from '#event-store';

/** Where the current revision of several streams is read at once (`PostgresEventStore.revisioni`: one statement). */
export interface RevisioniStream {
  revisioni(streamIds: readonly string[]): Promise<ReadonlyMap<string, bigint>>;
}

export interface OpzioniOsservatore {
  /** Woken by every append (this instance's at once, the others' by their NOTIFY); none on EventStoreDB. */
  readonly segnale?: Pick<AppendSignal, 'onAppend'>;
  /** Checks at most this often (ms) however many appends are signalled. */
  readonly intervalloMs?: number;
  /** Checks at least this often (ms) while someone waits: a notification lost, or no signal at all. */
  readonly controlloMs?: number;
  /** Waits held at once by this instance; one more is answered at once (the caller reads what there is). */
  readonly massimo?: number;
}

interface Attesa {
  readonly oltre: bigint;
  readonly fine: (passata: boolean) => void;
}

/**
 * Waits for a stream to go past a revision: the blocking read of `GET /appalti/:id?dopoRevisione=`,
 * so that a client learns of the next event of its appalto (CIGs assigned, ANAC's answer) in one
 * request instead of polling. The streams awaited by this instance are checked together, in one
 * statement, when an append is signalled (at most every `intervalloMs`), and every `controlloMs`
 * in any case; nothing is read while nobody waits.
 */
export class OsservatoreStream {
  private readonly attese = new Map<string, Set<Attesa>>();
  private quante = 0;
  private inCorso: Promise<void> | undefined;
  private ancora = false;
  private programmato: ReturnType<typeof setTimeout> | undefined;
  private controllatoAl = Number.NEGATIVE_INFINITY;
  private periodico: ReturnType<typeof setInterval> | undefined;
  private readonly stopSegnale: (() => void) | undefined;
  private readonly intervalloMs: number;
  private readonly controlloMs: number;
  private readonly massimo: number;
  private chiuso = false;

  constructor(
    private readonly fonte: RevisioniStream,
    opzioni: OpzioniOsservatore = {},
  ) {
    this.intervalloMs = opzioni.intervalloMs ?? 15;
    this.controlloMs = opzioni.controlloMs ?? 1_000;
    this.massimo = opzioni.massimo ?? 1_000;
    this.stopSegnale = opzioni.segnale?.onAppend(() => this.programma());
  }

  /**
   * Resolves true once `streamId` has a revision above `oltre`, false after `ms` (or at shutdown,
   * or when this instance already holds `massimo` waits): the caller then reads what there is.
   */
  attendi(streamId: string, oltre: bigint, ms: number): Promise<boolean> {
    if (this.chiuso || ms <= 0 || this.quante >= this.massimo) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const delloStream = this.attese.get(streamId) ?? new Set<Attesa>();
      this.attese.set(streamId, delloStream);
      const timer = setTimeout(() => attesa.fine(false), ms);
      const attesa: Attesa = {
        oltre,
        fine: (passata) => {
          if (!delloStream.delete(attesa)) return;
          clearTimeout(timer);
          this.quante--;
          if (delloStream.size === 0 && this.attese.get(streamId) === delloStream) this.attese.delete(streamId);
          if (this.quante === 0) this.fermaPeriodico();
          resolve(passata);
        },
      };
      delloStream.add(attesa);
      this.quante++;
      this.periodico ??= setInterval(() => this.programma(), this.controlloMs);
      // An append between the caller's read and this wait is caught by the first check.
      this.programma();
    });
  }

  /**
   * Before the HTTP server closes (it waits for the requests in flight): the blocking reads
   * answer with the view as it is, and the stop does not wait out their `attesa`.
   */
  beforeApplicationShutdown(): void {
    this.chiudi();
  }

  /** Answers every wait (false) and stops listening: the application is shutting down. */
  chiudi(): void {
    this.chiuso = true;
    this.stopSegnale?.();
    if (this.programmato) clearTimeout(this.programmato);
    this.programmato = undefined;
    for (const delloStream of [...this.attese.values()]) for (const a of [...delloStream]) a.fine(false);
    this.fermaPeriodico();
  }

  /** A check as soon as allowed: at most one on its way, and one every `intervalloMs`. */
  private programma(): void {
    if (this.quante === 0 || this.chiuso) return;
    if (this.inCorso) {
      this.ancora = true;
      return;
    }
    if (this.programmato) return;
    const attesa = Math.max(0, this.controllatoAl + this.intervalloMs - Date.now());
    this.programmato = setTimeout(() => {
      this.programmato = undefined;
      this.inCorso = this.controlla().finally(() => {
        this.inCorso = undefined;
        if (this.ancora) {
          this.ancora = false;
          this.programma();
        }
      });
    }, attesa);
  }

  private async controlla(): Promise<void> {
    this.controllatoAl = Date.now();
    const streams = [...this.attese.keys()];
    if (streams.length === 0) return;
    let revisioni: ReadonlyMap<string, bigint>;
    try {
      revisioni = await this.fonte.revisioni(streams);
    } catch {
      return; // the database is unreachable: the next signal or the periodic check tries again, the timeouts still answer
    }
    for (const [streamId, revisione] of revisioni) {
      for (const a of [...(this.attese.get(streamId) ?? [])]) if (revisione > a.oltre) a.fine(true);
    }
  }

  private fermaPeriodico(): void {
    if (this.periodico) clearInterval(this.periodico);
    this.periodico = undefined;
  }
}

/** Any store's revisions, one stream at a time (its last event): for stores without a query of their own. */
export function revisioniDa(store: Pick<EventStore, 'readStream'>): RevisioniStream {
  return {
    async revisioni(streamIds) {
      const trovate = await Promise.all(
        streamIds.map(async (id) => [id, (await store.readStream(id, { direction: 'backwards', maxCount: 1 }).catch(() => []))[0]?.revision] as const),
      );
      return new Map(trovate.filter((t): t is readonly [string, bigint] => t[1] !== undefined));
    },
  };
}
