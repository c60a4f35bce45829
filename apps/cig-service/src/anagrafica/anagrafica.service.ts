import { Inject, Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import {
  ANAGRAFICA_STREAM,
  anagraficaDecider,
  type Anagrafica,
  type AnagraficaCommand,
  type AnagraficaEvent,
} from '#domain';
import { StreamNotFoundError, type EventStore, type Position, type RecordedEvent } from '#event-store';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator, type Logger } from '#platform';
import { AggregateStore, type CommandMeta } from '../infrastructure/aggregate-store.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';

interface SeedFile {
  readonly stazioniAppaltanti?: ReadonlyArray<Omit<Extract<AnagraficaCommand, { type: 'RegistraStazioneAppaltante' }>, 'type'>>;
  readonly centriDiCosto?: ReadonlyArray<Omit<Extract<AnagraficaCommand, { type: 'RegistraCentroDiCosto' }>, 'type'>>;
  readonly uffici?: ReadonlyArray<Omit<Extract<AnagraficaCommand, { type: 'RegistraUfficio' }>, 'type'>>;
  readonly utenti?: ReadonlyArray<Omit<Extract<AnagraficaCommand, { type: 'RegistraUtente' }>, 'type'>>;
}

/**
 * The directory of stazioni appaltanti, centri di costo, uffici and users. Read by folding its
 * stream, incrementally: each read catches up from the last revision seen, so it is always
 * current and cheap.
 */
@Injectable()
export class AnagraficaService {
  private cached: { state: Anagrafica; revision: bigint | undefined } = { state: anagraficaDecider.initialState, revision: undefined };
  /** Wall-clock time (ms) of the last read of the stream by `statoRecente`. */
  private lettoAl = Number.NEGATIVE_INFINITY;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** The read of the stream on its way, and the one that will follow it for those who came meanwhile. */
  private lettura: Promise<Anagrafica> | undefined;
  private prossima: Promise<Anagrafica> | undefined;

  /**
   * The directory as of now: a read that starts after the call. Calls that arrive while a read is
   * on its way share the next one (which starts when that ends), so that many requests at once
   * cost one round trip, not one each, and none is answered by a read begun before it came.
   */
  stato(): Promise<Anagrafica> {
    if (!this.lettura) return this.avviaLettura();
    this.prossima ??= this.lettura
      .catch(() => undefined)
      .then(() => {
        this.prossima = undefined;
        return this.avviaLettura();
      });
    return this.prossima;
  }

  private avviaLettura(): Promise<Anagrafica> {
    const lettura = this.leggi().finally(() => {
      if (this.lettura === lettura) this.lettura = undefined;
    });
    this.lettura = lettura;
    return lettura;
  }

  private async leggi(): Promise<Anagrafica> {
    const from = this.cached.revision === undefined ? 0n : this.cached.revision + 1n;
    let events: RecordedEvent[] = [];
    try {
      events = await this.store.readStream(ANAGRAFICA_STREAM, { fromRevision: from });
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    if (events.length > 0) {
      const state = events.reduce((s, e) => anagraficaDecider.evolve(s, { type: e.type, data: e.data } as AnagraficaEvent), this.cached.state);
      this.cached = { state, revision: events.at(-1)!.revision };
    }
    return this.cached.state;
  }

  /**
   * The directory as read at most `maxEtaMs` before `ora` (wall clock): the identity check of
   * every request reads it through this, so that it costs a query only once in a while. A change
   * made through this instance is seen at once; one made through another instance within `maxEtaMs`.
   */
  async statoRecente(maxEtaMs: number, ora: number): Promise<Anagrafica> {
    if (ora - this.lettoAl <= maxEtaMs) return this.cached.state;
    const state = await this.stato();
    this.lettoAl = ora;
    return state;
  }

  async esegui(command: AnagraficaCommand, meta: CommandMeta): Promise<Position | undefined> {
    const context = { now: this.clock.now(), newId: () => this.ids.uuid() };
    const result = await this.aggregates.execute(ANAGRAFICA_STREAM, anagraficaDecider, command, context, meta, { retryOnConflict: 3 });
    this.lettoAl = Number.NEGATIVE_INFINITY;
    return result.position;
  }

  /** First start: load the seed file when the directory is still empty. */
  async caricaSeedSeVuota(path: string, logger: Logger): Promise<void> {
    if ((await this.stato()).stazioni.size > 0) return;
    const seed = JSON.parse(await readFile(path, 'utf8')) as SeedFile;
    const commands: AnagraficaCommand[] = [
      ...(seed.stazioniAppaltanti ?? []).map((x) => ({ type: 'RegistraStazioneAppaltante' as const, ...x })),
      ...(seed.centriDiCosto ?? []).map((x) => ({ type: 'RegistraCentroDiCosto' as const, ...x })),
      ...(seed.uffici ?? []).map((x) => ({ type: 'RegistraUfficio' as const, ...x })),
      ...(seed.utenti ?? []).map((x) => ({ type: 'RegistraUtente' as const, ...x })),
    ];
    try {
      for (const [index, command] of commands.entries()) {
        await this.esegui(command, { attore: { sistema: 'seed-anagrafica' }, correlationId: 'seed-anagrafica', causationId: `${path}#${index}` });
      }
    } catch (error) {
      // Another instance seeding at the same time wins; its entries make ours conflict.
      if ((error as { kind?: string }).kind === 'conflict') return;
      throw error;
    }
    logger.info({ path, commands: commands.length }, 'directory seeded');
  }
}
