import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Named (prepared) statements for the SQL a process sends again and again, chosen by use as the
 * PostgreSQL drivers for Java and .NET do (pgjdbc's `prepareThreshold`, Npgsql's automatic
 * preparation): a statement sent `dopoUsi` times by the process goes out as a named statement
 * from then on, so that each connection parses and plans it once instead of at every execution.
 *
 * - Only single SELECT, INSERT, UPDATE, DELETE or WITH statements without a `;` (utility
 *   statements and scripts are sent as they are), of at most `lunghezzaMassima` characters, and
 *   not those that already have a name or are cursors or streams.
 * - At most `massimo` texts get a name, so that SQL built on the fly (IN lists, bulk VALUES) cannot
 *   fill every connection with statements used once: the most used come first by nature, since a
 *   text needs `dopoUsi` uses to qualify.
 * - A named statement whose result changed shape under it (a column added to a table it reads
 *   with `*` by a migration of another instance: PostgreSQL answers "cached plan must not change
 *   result type"), or that the server no longer has (`DEALLOCATE ALL` by a pooler), fails once on
 *   that connection; that connection then prepares it again under a new name.
 *
 * Off (`DATABASE_PREPARED_STATEMENTS=false`) behind a pooler in transaction mode that does not
 * keep named statements (PgBouncer before 1.21).
 */
export interface OpzioniPreparate {
  /** Uses of a text by the process before it is named (default 3). */
  readonly dopoUsi?: number;
  /** Texts named at most, per process (default 256, as pgjdbc's statement cache). */
  readonly massimo?: number;
  /** Longer texts are never named (default 8,000 characters). */
  readonly lunghezzaMassima?: number;
}

const PREPARABILE = /^\s*(select|insert|update|delete|with)\b/i;
/** Texts counted while they have no name yet; the count starts over when it is full. */
const CONTEGGI_MASSIMI = 10_000;
/** SQLSTATE of "cached plan must not change result type" (feature_not_supported) and of an unknown prepared statement. */
const PIANO_CAMBIATO = '0A000';
const ISTRUZIONE_SCONOSCIUTA = '26000';

export class CatalogoIstruzioni {
  private readonly usi = new Map<string, number>();
  private readonly nomi = new Map<string, string>();
  private readonly dopoUsi: number;
  private readonly massimo: number;
  private readonly lunghezzaMassima: number;

  constructor(opzioni: OpzioniPreparate = {}) {
    this.dopoUsi = opzioni.dopoUsi ?? 3;
    this.massimo = opzioni.massimo ?? 256;
    this.lunghezzaMassima = opzioni.lunghezzaMassima ?? 8_000;
  }

  /** The name `testo` goes out with, counting this use; undefined: sent unnamed. */
  nome(testo: string): string | undefined {
    const nome = this.nomi.get(testo);
    if (nome !== undefined) return nome;
    if (this.nomi.size >= this.massimo || testo.length > this.lunghezzaMassima || testo.includes(';') || !PREPARABILE.test(testo)) return undefined;
    const usi = (this.usi.get(testo) ?? 0) + 1;
    if (usi < this.dopoUsi) {
      if (this.usi.size >= CONTEGGI_MASSIMI) this.usi.clear();
      this.usi.set(testo, usi);
      return undefined;
    }
    this.usi.delete(testo);
    const nuovo = `cl_${createHash('sha256').update(testo).digest('hex').slice(0, 24)}`;
    this.nomi.set(testo, nuovo);
    return nuovo;
  }

  /** How many texts have a name (for tests and metrics). */
  get nominate(): number {
    return this.nomi.size;
  }
}

type Callback = (err: Error | null, result?: unknown) => void;

/**
 * A `pg.Client` class whose queries are named by `catalogo` (pass it as the pool's `Client`).
 * The client keeps, per text, how many times its statement had to be prepared again (the suffix
 * of its name on this connection).
 */
export function clientConIstruzioniPreparate(catalogo: CatalogoIstruzioni): typeof pg.Client {
  class ClientConIstruzioniPreparate extends pg.Client {
    /** Texts whose named statement failed on this connection, with the generation of its name. */
    readonly rinnovate = new Map<string, number>();
  }
  const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
  Object.defineProperty(ClientConIstruzioniPreparate.prototype, 'query', {
    configurable: true,
    writable: true,
    value: function (this: ClientConIstruzioniPreparate, config: unknown, values?: unknown, callback?: unknown): unknown {
      const senzaNome = typeof config === 'string' || (typeof config === 'object' && config !== null && !('name' in config && (config as { name?: unknown }).name) && typeof (config as { submit?: unknown }).submit !== 'function');
      const testo = typeof config === 'string' ? config : senzaNome ? (config as { text?: unknown }).text : undefined;
      if (!senzaNome || typeof testo !== 'string') return query.call(this, config, values, callback);
      const base = catalogo.nome(testo);
      if (base === undefined) return query.call(this, config, values, callback);
      const generazione = this.rinnovate.get(testo);
      const name = generazione === undefined ? base : `${base}_${generazione}`;
      const cb = (typeof values === 'function' ? values : callback) as Callback | undefined;
      const valori = Array.isArray(values) ? values : typeof config === 'object' ? (config as { values?: unknown }).values : undefined;
      const named = { ...(typeof config === 'object' ? config : {}), text: testo, name, ...(valori !== undefined ? { values: valori } : {}) };
      const segnaSeRinnovare = (error: unknown): void => {
        const { code, message } = (error ?? {}) as { code?: string; message?: string };
        const pianoCambiato = code === PIANO_CAMBIATO && /cached plan must not change result type/i.test(message ?? '');
        if (pianoCambiato || code === ISTRUZIONE_SCONOSCIUTA) this.rinnovate.set(testo, (generazione ?? 0) + 1);
      };
      if (cb) {
        return query.call(this, named, (err: Error | null, result?: unknown) => {
          if (err) segnaSeRinnovare(err);
          cb(err, result);
        });
      }
      return (query.call(this, named) as Promise<unknown>).catch((error: unknown) => {
        segnaSeRinnovare(error);
        throw error;
      });
    },
  });
  return ClientConIstruzioniPreparate;
}
