import type pg from 'pg';
import { eventiImportazione } from '#domain';
import { PostgresEventStore, StreamNotFoundError, WrongExpectedVersionError, type EventData, type EventStore, type SqlExecutor } from '#event-store';
import { deterministicUuid, inTransazione, systemClock, type Clock } from '#platform';
import { CsvNonValido, indiceColonne, isCigValido, isMalformata, leggiCsv, leggiRigaCig } from '#anac';

/** Options of {@link importaCigAnac}. */
export interface OpzioniImportazione {
  /** Name shown in the report and stored with each event (the file, or "upload"). */
  readonly file: string;
  /** Office of the platform the imported CIGs are shown to. */
  readonly ufficio: string;
  /** Who imports: the administrator, or `sistema:import` for the CLI. */
  readonly attore: { readonly userId: string; readonly role: string; readonly ufficio?: string; readonly codiceFiscale?: string };
  readonly correlationId: string;
  /** Wall clock of the `recordedAt` metadata (the rows' own dates are `effectiveAt`); default: the system's. */
  readonly clock?: Clock;
  /** Appends in flight at once (many streams: one per CIG); default 16, or 4 transactions with `pool`. */
  readonly concorrenza?: number;
  /**
   * With the PostgreSQL store: its pool. Rows are then appended in transactions of `righePerTransazione`
   * (default 250), all in one statement, so that a round trip and a commit (an fsync) serve many rows.
   */
  readonly pool?: Pick<pg.Pool, 'connect'>;
  readonly righePerTransazione?: number;
  /** Called every `ogni` rows and at the end. */
  readonly progresso?: (p: Progresso) => void;
  readonly ogni?: number;
}

export interface Progresso {
  /** Data rows read (the header excluded), malformed lines included. */
  readonly righe: number;
  /** Valid rows: `importate` + `giaPresenti`. */
  readonly accettate: number;
  /** Valid rows whose events this import wrote. */
  readonly importate: number;
  /** Valid rows already in the register with the same events (a file imported again): nothing written. */
  readonly giaPresenti: number;
  /** Rows refused (bad values, malformed CSV, a code with another history), with their line in `dettaglioScartate`. */
  readonly scartate: number;
  readonly ms: number;
}

export interface RigaScartata {
  readonly riga: number;
  readonly cig?: string;
  readonly motivi: readonly string[];
}

export interface EsitoImportazione extends Progresso {
  /** Events of the accepted rows (already in the log for the rows `giaPresenti`). */
  readonly eventi: number;
  /** The first 1,000 rejected rows with their line numbers (`scartate` counts them all). */
  readonly dettaglioScartate: readonly RigaScartata[];
}

const MASSIMO_DETTAGLIO = 1_000;

/**
 * Imports ANAC's open data `cig` dataset: each valid row becomes CigImportato (and CigPerfezionato,
 * CigCancellato) on `cig-<code>` with its original dates as `effectiveAt`, appended with
 * expectation `no_stream` and ids derived from the code and the row's content. Importing the same
 * file again appends nothing (the store recognises the ids); a code that already has another
 * history is reported, as is any row with a bad CIG or bad values, with its line; the rest goes on.
 */
export async function importaCigAnac(store: EventStore, sorgente: AsyncIterable<Uint8Array | string>, o: OpzioniImportazione): Promise<EsitoImportazione> {
  const inizio = performance.now();
  const stato = { righe: 0, accettate: 0, importate: 0, giaPresenti: 0, scartate: 0, eventi: 0 };
  const dettaglio: RigaScartata[] = [];
  const scarta = (r: RigaScartata) => {
    stato.scartate++;
    if (dettaglio.length < MASSIMO_DETTAGLIO) dettaglio.push(r);
  };
  const progresso = () => o.progresso?.({ ...conteggi(stato), ms: Math.round(performance.now() - inizio) });
  const inVolo = new Set<Promise<void>>();
  const transazioni = o.pool && store instanceof PostgresEventStore ? { pool: o.pool, store } : undefined;
  const limite = o.concorrenza ?? (transazioni ? 4 : 16);
  const perTransazione = o.righePerTransazione ?? 250;
  let lotto: Riga[] = [];
  let indice: Map<string, number> | undefined;
  const accetta = (r: Riga, giaPresente: boolean) => {
    stato.accettate++;
    if (giaPresente) stato.giaPresenti++;
    else stato.importate++;
    stato.eventi += r.dati.length;
  };
  const duplicata = (r: Riga) => scarta({ riga: r.riga, cig: r.cig, motivi: [`il CIG ${r.cig} ha già una storia diversa nel registro (riga duplicata o CIG già gestito)`] });
  const avvia = async (lavoro: Promise<void>) => {
    const traccia: Promise<void> = lavoro.finally(() => inVolo.delete(traccia));
    traccia.catch(() => undefined); // observed by Promise.race / Promise.all below
    inVolo.add(traccia);
    if (inVolo.size >= limite) await Promise.race(inVolo);
  };
  const inviaLotto = async () => {
    if (!transazioni || lotto.length === 0) return;
    const righe = lotto;
    lotto = [];
    await avvia(appendiInTransazione(transazioni, righe, accetta, duplicata));
  };

  for await (const record of leggiCsv(sorgente)) {
    if (!indice && !isMalformata(record)) {
      indice = indiceColonne(record.campi);
      continue;
    }
    stato.righe++;
    if (isMalformata(record)) {
      scarta({ riga: record.riga, motivi: [`CSV malformato: ${record.motivo}`] });
      continue;
    }
    const letta = leggiRigaCig(record.campi, indice!, { file: o.file, riga: record.riga }, o.ufficio);
    if (!letta.ok) {
      scarta({ riga: record.riga, ...(letta.cig ? { cig: letta.cig } : {}), motivi: letta.errori });
    } else {
      let dati: EventData[];
      try {
        dati = eventiDellaRiga(letta.cig, letta.dati, letta.chiave, record.riga, o);
      } catch (error) {
        scarta({ riga: record.riga, cig: letta.cig, motivi: [(error as Error).message] });
        continue;
      }
      const riga: Riga = { riga: record.riga, cig: letta.cig, dati };
      if (transazioni) {
        lotto.push(riga);
        if (lotto.length >= perTransazione) await inviaLotto();
      } else {
        await avvia(appendSingola(store, riga, accetta, duplicata));
      }
    }
    if (stato.righe % (o.ogni ?? 5_000) === 0) progresso();
  }
  if (!indice) throw new CsvNonValido(1, 'file vuoto: manca la riga di intestazione');
  await inviaLotto();
  await Promise.all(inVolo);
  progresso();
  return { ...conteggi(stato), eventi: stato.eventi, ms: Math.round(performance.now() - inizio), dettaglioScartate: dettaglio.sort((a, b) => a.riga - b.riga) };
}

const conteggi = (s: Omit<Progresso, 'ms'>) => ({ righe: s.righe, accettate: s.accettate, importate: s.importate, giaPresenti: s.giaPresenti, scartate: s.scartate });

/**
 * One row, one append (EventStoreDB, or no pool): a stream that exists before the append and
 * takes it without error already held these events (the append is idempotent).
 */
async function appendSingola(store: EventStore, riga: Riga, accetta: (r: Riga, giaPresente: boolean) => void, duplicata: (r: Riga) => void): Promise<void> {
  const streamId = `cig-${riga.cig}`;
  const esisteva = await store.readStream(streamId, { maxCount: 1 }).then(
    (eventi) => eventi.length > 0,
    (error: unknown) => {
      if (error instanceof StreamNotFoundError) return false;
      throw error;
    },
  );
  try {
    await store.appendToStream(streamId, riga.dati, { expectedRevision: 'no_stream' });
    accetta(riga, esisteva);
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
    duplicata(riga);
  }
}

interface Riga {
  readonly riga: number;
  readonly cig: string;
  readonly dati: EventData[];
}

/**
 * Many rows in one transaction and one statement: a code that already has another history rolls
 * back only its own row. Any other error rolls back the batch and stops the import.
 */
async function appendiInTransazione(
  t: { pool: NonNullable<OpzioniImportazione['pool']>; store: PostgresEventStore },
  righe: readonly Riga[],
  accetta: (r: Riga, giaPresente: boolean) => void,
  duplicata: (r: Riga) => void,
): Promise<void> {
  const { esiti, esistenti } = await inTransazione(t.pool, async (c) => {
    const client = c as unknown as SqlExecutor;
    const items = righe.map((r) => ({ streamId: `cig-${r.cig}`, events: r.dati }));
    const esistenti = await t.store.existingStreams(client, items.map((i) => i.streamId));
    return { esistenti, esiti: await t.store.appendNewStreamsInTransaction(client, items) };
  });
  // Committed: the readers of every instance are told (the append itself does not notify).
  t.store.annunciaAppend();
  righe.forEach((r, i) => (esiti[i] ? accetta(r, esistenti.has(`cig-${r.cig}`)) : duplicata(r)));
}

function eventiDellaRiga(cig: string, dati: Parameters<typeof eventiImportazione>[1], chiave: string, riga: number, o: OpzioniImportazione): EventData[] {
  const appaltoId = dati.numeroGara ? deterministicUuid('gara-anac', dati.numeroGara) : deterministicUuid('cig-anac', cig);
  const recordedAt = (o.clock ?? systemClock).now().toISOString();
  return eventiImportazione(cig, dati, { appaltoId }, isCigValido).map((e, i) => ({
    id: deterministicUuid('import-cig', chiave, String(i)),
    type: e.type,
    data: e.data,
    metadata: {
      actor: o.attore,
      correlationId: o.correlationId,
      causationId: `${o.file}#${riga}`,
      effectiveAt: e.effectiveAt,
      recordedAt,
      motivazione: 'Importazione open data ANAC (dataset cig)',
    },
  }));
}
