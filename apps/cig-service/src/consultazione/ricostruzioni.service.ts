import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type pg from 'pg';
import { LOGGER, type Logger } from '#platform';
import type { CheckpointStore, EventStore } from '#event-store';
import { nonTrovato } from '#domain';
import { ricostruisci, RicostruzioneInCorso, type ProiezioneRicostruibile, type StatoRicostruzione } from '#read-models';
import { CHECKPOINTS, EVENT_STORE, PG_POOL } from '../infrastructure/tokens.js';

interface InCorso {
  stato: StatoRicostruzione;
  fine: Promise<void>;
}

/**
 * Rebuilds started on this instance (POST /admin/projections/:name/rebuild): each runs in the
 * background and reports its progress; the advisory lock makes it the only one for that projection
 * across instances. Stopping the service interrupts a rebuild in progress (shadow tables dropped).
 */
@Injectable()
export class RicostruzioniService implements OnApplicationShutdown {
  private readonly proiezioni = new Map<string, ProiezioneRicostruibile>();
  private readonly ricostruzioni = new Map<string, InCorso>();
  private chiusura = false;

  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CHECKPOINTS) private readonly checkpoints: CheckpointStore) {}

  registra(proiezione: ProiezioneRicostruibile): void {
    this.proiezioni.set(proiezione.consumer.name, proiezione);
  }

  nomi(): string[] {
    return [...this.proiezioni.keys()].sort();
  }

  stato(nome: string): StatoRicostruzione | undefined {
    return this.ricostruzioni.get(nome)?.stato;
  }

  /** Starts a rebuild and answers once it holds the projection's lock (or failed to take it: 409). */
  async avvia(nome: string): Promise<StatoRicostruzione> {
    const proiezione = this.proiezioni.get(nome);
    if (!proiezione) throw nonTrovato('PROIEZIONE_SCONOSCIUTA', `Proiezione ${nome} sconosciuta: ${this.nomi().join(', ')}`);
    const attuale = this.ricostruzioni.get(nome);
    if (attuale && !['completata', 'fallita'].includes(attuale.stato.fase)) throw new RicostruzioneInCorso(nome);
    const { pool, eventStore, checkpoints, logger } = this;
    let avviata: (stato: StatoRicostruzione) => void = () => undefined;
    const partita = new Promise<StatoRicostruzione>((resolve) => (avviata = resolve));
    const voce: InCorso = { stato: { nome, fase: 'preparazione', eventi: 0, frazione: 0, eventiAlSecondo: 0, etaSecondi: null, durataMs: 0 }, fine: Promise.resolve() };
    const lavoro = ricostruisci(proiezione, {
      pool: pool,
      store: eventStore,
      checkpoints,
      interrotta: () => this.chiusura,
      progresso: (stato) => {
        voce.stato = stato;
        avviata(stato);
      },
    });
    voce.fine = lavoro.then(
      (stato) => logger.info({ proiezione: nome, eventi: stato.eventi, durataMs: stato.durataMs }, 'projection rebuilt and swapped in'),
      (error) => logger.warn({ proiezione: nome, err: error }, 'projection rebuild failed; live tables untouched'),
    );
    const esito = await Promise.race([partita, lavoro]);
    this.ricostruzioni.set(nome, voce);
    return esito;
  }

  async onApplicationShutdown(): Promise<void> {
    this.chiusura = true;
    await Promise.all([...this.ricostruzioni.values()].map((r) => r.fine));
  }
}
