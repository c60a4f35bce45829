import type pg from 'pg';
import type { CheckpointStore, Consumer, EventStore, SqlExecutor } from '#event-store';
import { inTransazione, prendiClient, rilasciaClient } from '#platform';
import { riproduci, type Avanzamento } from './riproduzione.js';
import { copiaTrigger, creaIndici, creaOmbre, identificatore, scambiaOmbre } from './tabelle-ombra.js';

/** A projection that can be rebuilt: its consumer and the tables it alone writes. */
export interface ProiezioneRicostruibile {
  readonly consumer: Consumer;
  /** Tables in `public`, rebuilt together and swapped in one transaction. */
  readonly tabelle: readonly string[];
  /** Indexes (besides keys) the projection reads while writing: built before the replay, the others after it. */
  readonly indiciDiLavoro?: readonly string[];
  /**
   * After the replay, before the live tables' triggers are copied onto the shadows: fills what
   * those triggers keep up to date (e.g. totals), from the shadow tables (`schema`).
   */
  readonly completa?: (client: SqlExecutor, schema: string) => Promise<void>;
}

export type FaseRicostruzione = 'preparazione' | 'riproduzione' | 'indici' | 'allineamento' | 'scambio' | 'completata' | 'fallita';

export interface StatoRicostruzione {
  readonly nome: string;
  readonly fase: FaseRicostruzione;
  readonly eventi: number;
  readonly frazione: number;
  readonly eventiAlSecondo: number;
  /** Seconds left, estimated from the rate so far (replay phase only). */
  readonly etaSecondi: number | null;
  readonly durataMs: number;
  readonly errore?: string;
}

export class RicostruzioneInCorso extends Error {
  readonly code = 'RICOSTRUZIONE_IN_CORSO';
  readonly kind = 'conflict';
  constructor(nome: string) {
    super(`La proiezione ${nome} è già in ricostruzione (su questa o su un'altra istanza)`);
  }
}

export interface OpzioniRicostruzione {
  readonly pool: pg.Pool;
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly batchSize?: number;
  readonly progresso?: (stato: StatoRicostruzione) => void;
  /** Monotonic milliseconds (rates and ETA only). */
  readonly ora?: () => number;
  /** Asked between batches: true stops the rebuild (shadow tables dropped, live ones untouched). */
  readonly interrotta?: () => boolean;
}

/** Advisory lock namespace of rebuilds (two-key form: this, hashtext(name)); runners use another. */
const LOCK_RICOSTRUZIONE = 0x5242;
const TENTATIVI_SCAMBIO = 5;

/**
 * Rebuilds a projection from position 0 into shadow tables while the live ones keep answering,
 * then swaps them in one transaction: the live tables are locked (waiting for the live runner's
 * batch in flight), moved out, the shadows moved in, and the live consumer's checkpoint set to the
 * position the shadows reached. The live runner, wherever it runs, then finds its checkpoint moved
 * (compare-and-set fails, its batch rolls back) and resumes from there: nothing lost, nothing twice.
 * One rebuild per projection across instances (advisory lock).
 */
export async function ricostruisci(p: ProiezioneRicostruibile, o: OpzioniRicostruzione): Promise<StatoRicostruzione> {
  const nome = p.consumer.name;
  const base = identificatore(nome.replace(/[^a-z0-9_]/gi, '_').toLowerCase());
  const schema = `rm_ombra_${base}`;
  const ritirate = `rm_ritirate_${base}`;
  const nomeOmbra = `${nome}@ricostruzione`;
  const ora = o.ora ?? (() => performance.now());
  const inizio = ora();
  let stato: StatoRicostruzione = { nome, fase: 'preparazione', eventi: 0, frazione: 0, eventiAlSecondo: 0, etaSecondi: null, durataMs: 0 };
  const aggiorna = (cambi: Partial<StatoRicostruzione>) => {
    stato = { ...stato, ...cambi, durataMs: Math.round(ora() - inizio) };
    o.progresso?.(stato);
  };
  const lock = await prendiClient(o.pool);
  try {
    const { rows } = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [LOCK_RICOSTRUZIONE, nome]);
    if (!rows[0].ok) throw new RicostruzioneInCorso(nome);
    try {
      aggiorna({ fase: 'preparazione' });
      await creaOmbre(lock, schema, p.tabelle, p.indiciDiLavoro ?? []);
      await o.checkpoints.reset(nomeOmbra);
      const opzioni = { pool: o.pool, store: o.store, checkpoints: o.checkpoints, nome: nomeOmbra, schema, batchSize: o.batchSize, interrotta: o.interrotta };
      let eventi = 0;
      const avanza = (a: Avanzamento, fase: FaseRicostruzione) => {
        const secondi = (ora() - inizio) / 1000;
        const rate = (eventi + a.eventi) / Math.max(secondi, 0.001);
        const eta = a.frazione > 0.01 ? (secondi / a.frazione) * (1 - a.frazione) : null;
        aggiorna({ fase, eventi: eventi + a.eventi, frazione: a.frazione, eventiAlSecondo: rate, etaSecondi: eta === null ? null : Math.round(eta) });
      };
      aggiorna({ fase: 'riproduzione' });
      eventi += (await riproduci(p.consumer, { ...opzioni, progresso: (a) => avanza(a, 'riproduzione') })).eventi;
      aggiorna({ fase: 'indici', etaSecondi: null });
      await creaIndici(lock, schema, p.tabelle, () => true);
      await p.completa?.(lock as SqlExecutor, schema);
      await copiaTrigger(lock, schema, p.tabelle);
      for (const t of p.tabelle) await lock.query(`ANALYZE ${schema}.${identificatore(t)}`);
      aggiorna({ fase: 'allineamento' });
      eventi += (await riproduci(p.consumer, { ...opzioni, progresso: (a) => avanza(a, 'allineamento') })).eventi;
      if (o.interrotta?.()) throw new Error('rebuild interrupted');
      aggiorna({ fase: 'scambio', eventi });
      await scambia(o, p, nome, nomeOmbra, schema, ritirate);
      await lock.query(`DROP SCHEMA IF EXISTS ${ritirate} CASCADE`);
      await lock.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      aggiorna({ fase: 'completata', frazione: 1, etaSecondi: 0 });
      return stato;
    } catch (error) {
      await lock.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      await o.checkpoints.reset(nomeOmbra).catch(() => undefined);
      aggiorna({ fase: 'fallita', errore: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_RICOSTRUZIONE, nome]).catch(() => undefined);
    }
  } finally {
    rilasciaClient(lock);
  }
}

/** The swap transaction; a lock wait longer than 5 s (a long query on the live tables) is retried. */
async function scambia(o: OpzioniRicostruzione, p: ProiezioneRicostruibile, nome: string, nomeOmbra: string, schema: string, ritirate: string): Promise<void> {
  await inTransazione(
    o.pool,
    async (client) => {
      await client.query("SET LOCAL lock_timeout = '5s'");
      await client.query(`LOCK TABLE ${p.tabelle.map((t) => `public.${identificatore(t)}`).join(', ')} IN ACCESS EXCLUSIVE MODE`);
      await client.query('SELECT 1 FROM public.es_checkpoints WHERE consumer = $1 FOR UPDATE', [nome]);
      const posizione = await o.checkpoints.load(nomeOmbra, client as SqlExecutor);
      await scambiaOmbre(client, schema, ritirate, p.tabelle);
      if (posizione === undefined) await o.checkpoints.reset(nome, client as SqlExecutor);
      else {
        await client.query(
          `INSERT INTO public.es_checkpoints (consumer, position) VALUES ($1, $2)
           ON CONFLICT (consumer) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
          [nome, posizione],
        );
      }
      await o.checkpoints.reset(nomeOmbra, client as SqlExecutor);
    },
    { ripeti: (error, tentativo) => (error as { code?: string }).code === '55P03' && tentativo < TENTATIVI_SCAMBIO },
  );
}
