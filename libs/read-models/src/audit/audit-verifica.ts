import type { EventStore, Position, RecordedEvent, SqlExecutor } from '#event-store';
import { problema, VerificaCatena, type EsitoVerifica, type ProblemaAudit } from './audit-catena.js';
import type { CheckpointAudit } from './audit-firma.js';
import { CAMPI_DALL_EVENTO, contenutoDaEvento, type RecordAudit } from './audit-record.js';
import { SELECT_RECORD } from './audit-record.js';

const PAGINA = 2000;

export interface OpzioniVerifica {
  readonly chiavePubblicaPem: string;
  /** Called now and then with the records checked so far and the trail's length. */
  readonly progresso?: (fatti: number, totale: number) => void;
}

/**
 * Verifies the stored trail against itself and against the event store (online): the k-th record
 * must record the k-th event of the log, with the same actor, times, motivation, ids and data
 * hash, and the chain and the signed checkpoints must hold. Names the first record that was
 * altered, inserted, deleted or moved, by sequence number and event id.
 */
export async function verificaAudit(db: SqlExecutor, store: EventStore, opzioni: OpzioniVerifica): Promise<EsitoVerifica> {
  // Where the projection got to and how long the trail was then, read in one statement (one
  // snapshot: the projection commits its records and its checkpoint together). Records the
  // projection commits while the verification runs are beyond both, and are not looked at.
  const { fino, ultimo } = await posizioneEUltimoRecord(db);
  const totale = Number(ultimo ?? 0);
  const firmati = await checkpointFirmati(db, '0', ultimo ?? '0');
  const catena = new VerificaCatena(opzioni.chiavePubblicaPem);
  const eventi = eventiFino(store, fino);
  const record = new Anticipo(recordDa(db, '0', ultimo ?? '0'));
  for (let k = 1n; ; k++) {
    if (k % 10_000n === 0n) opzioni.progresso?.(Number(k), totale);
    const e = (await eventi.next()).value as RecordedEvent | undefined;
    const r = await record.attuale();
    if (!e && !r) break;
    const trovato = await confronta(k, e, r, record, store, db);
    if (trovato) return catena.esito(trovato);
    const errore = catena.verifica(r!, firmati.get(r!.seq));
    if (errore) return catena.esito(errore);
    await record.avanza();
  }
  opzioni.progresso?.(totale, totale);
  return catena.esito();
}

/** The k-th event against the k-th record: missing, extra, moved, or recording something else. */
async function confronta(k: bigint, e: RecordedEvent | undefined, r: RecordAudit | undefined, record: Anticipo, store: EventStore, db: SqlExecutor): Promise<ProblemaAudit | undefined> {
  if (!r) return problema('ELIMINATO', k, e!.id, `manca il record dell'evento ${e!.id} (${e!.type}, ${e!.streamId})`);
  if (!e) return problema('INSERITO', r.seq, r.eventId, "record oltre l'ultimo evento registrato dalla proiezione");
  if (BigInt(r.seq) > k) return problema('ELIMINATO', k, e.id, `manca il record dell'evento ${e.id} (${e.type}, ${e.streamId}): il record ${r.seq} segue il ${k - 1n}`);
  if (BigInt(r.seq) < k) return problema('INSERITO', r.seq, r.eventId, `numero di sequenza ${r.seq} ripetuto (atteso ${k})`);
  if (r.eventId !== e.id) {
    if (!(await esiste(store, r))) return problema('INSERITO', r.seq, r.eventId, `nessun evento ${r.eventId} nell'archivio: al suo posto c'è l'evento ${e.id}`);
    // The k-th event recorded further on (next, or anywhere later: two records swapped) is a move, not a deletion.
    if ((await record.successivo())?.eventId === e.id || (await registratoPiuAvanti(db, e.id, r.seq))) {
      return problema('RIORDINATO', r.seq, r.eventId, `al posto dell'evento ${e.id}, che segue`);
    }
    return problema('ELIMINATO', k, e.id, `manca il record dell'evento ${e.id} (${e.type}, ${e.streamId})`);
  }
  const atteso = contenutoDaEvento(e, k, { appaltoId: r.appaltoId, cig: r.cig });
  const diversi = CAMPI_DALL_EVENTO.filter((campo) => atteso[campo] !== r[campo]);
  if (diversi.length > 0) return problema('ALTERATO', r.seq, r.eventId, `non corrisponde all'evento registrato: ${diversi.join(', ')}`);
  return undefined;
}

/** Whether the trail records the event after `seq` (read only when a record is found out of place). */
async function registratoPiuAvanti(db: SqlExecutor, eventId: string, seq: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM rm_audit WHERE event_id = $1 AND seq > $2::bigint LIMIT 1', [eventId, seq]);
  return rows.length > 0;
}

async function esiste(store: EventStore, r: RecordAudit): Promise<boolean> {
  try {
    const [e] = await store.readStream(r.streamId, { fromRevision: BigInt(r.revisione), maxCount: 1 });
    return e?.id === r.eventId;
  } catch {
    return false;
  }
}

/**
 * Where the audit projection got to (events after it are not in the trail yet, and that is no
 * fault) and the last record it had written there, as one snapshot shows them.
 */
async function posizioneEUltimoRecord(db: SqlExecutor): Promise<{ fino: Position | undefined; ultimo: string | undefined }> {
  const { rows } = await db.query<{ position: string | null; ultimo: string | null }>(
    `SELECT (SELECT position FROM es_checkpoints WHERE consumer = 'audit') AS position, (SELECT max(seq)::text FROM rm_audit) AS ultimo`,
  );
  return { fino: (rows[0].position ?? undefined) as Position | undefined, ultimo: rows[0].ultimo ?? undefined };
}

export async function checkpointFirmati(db: SqlExecutor, daSeq = '0', aSeq?: string): Promise<Map<string, CheckpointAudit>> {
  const { rows } = await db.query<CheckpointAudit>(
    `SELECT seq::text AS seq, hash, to_char(registrato_il AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "registratoIl", chiave, firma
       FROM rm_audit_checkpoint WHERE seq > $1::bigint AND ($2::bigint IS NULL OR seq <= $2::bigint) ORDER BY rm_audit_checkpoint.seq`,
    [daSeq, aSeq ?? null],
  );
  return new Map(rows.map((c) => [c.seq, c]));
}

async function* eventiFino(store: EventStore, fino: Position | undefined): AsyncGenerator<RecordedEvent> {
  if (fino === undefined) return;
  let dopo: Position | undefined;
  for (;;) {
    const pagina = await store.readAll({ fromPosition: dopo, maxCount: PAGINA });
    for (const e of pagina) {
      if (store.comparePositions(e.position, fino) > 0) return;
      yield e;
    }
    if (pagina.length < PAGINA) return;
    dopo = pagina.at(-1)!.position;
  }
}

/** rm_audit in `seq` order, by keyset pages; `daSeq` exclusive. */
export async function* recordDa(db: SqlExecutor, daSeq = '0', aSeq?: string): AsyncGenerator<RecordAudit> {
  let dopo = daSeq;
  for (;;) {
    const { rows } = await db.query<RecordAudit>(
      `SELECT ${SELECT_RECORD} FROM rm_audit WHERE seq > $1::bigint AND ($2::bigint IS NULL OR seq <= $2::bigint) ORDER BY rm_audit.seq LIMIT ${PAGINA}`,
      [dopo, aSeq ?? null],
    );
    yield* rows;
    if (rows.length < PAGINA) return;
    dopo = rows.at(-1)!.seq;
  }
}

/** An iterator with one record of look-ahead (to tell a moved record from a deleted one). */
class Anticipo {
  private buffer: RecordAudit[] = [];
  private finito = false;
  constructor(private readonly sorgente: AsyncGenerator<RecordAudit>) {}

  async attuale(): Promise<RecordAudit | undefined> {
    await this.riempi(1);
    return this.buffer[0];
  }

  async successivo(): Promise<RecordAudit | undefined> {
    await this.riempi(2);
    return this.buffer[1];
  }

  async avanza(): Promise<void> {
    await this.riempi(1);
    this.buffer.shift();
  }

  private async riempi(n: number): Promise<void> {
    while (this.buffer.length < n && !this.finito) {
      const { value, done } = await this.sorgente.next();
      if (done) this.finito = true;
      else this.buffer.push(value);
    }
  }
}
