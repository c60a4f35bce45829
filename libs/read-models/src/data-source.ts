import { DataSource, type MigrationInterface } from 'typeorm';
import { ReadModelsIniziali1732600000000 } from './migrations/1732600000000-read-models-iniziali.js';
import { ListingCompleto1732600200000 } from './migrations/1732600200000-listing-completo.js';
import { Audit1732600200001 } from './migrations/1732600200001-audit.js';
// merkle (audit transparency log)
import { AuditMerkle1732600600001 } from './migrations/1732600600001-audit-merkle.js';
import { AuditTestimoni1732600600101 } from './migrations/1732600600101-audit-testimoni.js';
import { AuditMerkleSenzaFoglie1732601300600 } from './migrations/1732601300600-audit-merkle-senza-foglie.js';
import { ListingConteggi1732600200002 } from './migrations/1732600200002-listing-conteggi.js';
import { Csv1732600200003 } from './migrations/1732600200003-csv.js';
import { RegimiStorici1732600100000 } from './migrations/1732600100000-regimi-storici.js';
import { TrasmissioniEsiti1732600500000 } from './migrations/1732600500000-trasmissioni-esiti.js';
import { ListingEsitiRitiri1732600500001 } from './migrations/1732600500001-listing-esiti-ritiri.js';
import { CarnetCigPerCodice1732600500002 } from './migrations/1732600500002-carnet-cig-per-codice.js';
// state shared by the instances (rate limits, audit verifications)
import { StatoCondiviso1732601200000 } from './migrations/1732601200000-stato-condiviso.js';
import { VerificheAvviataDa1732601300700 } from './migrations/1732601300700-verifiche-avviata-da.js';

/** A migration class as typeorm takes it. */
export type Migrazione = new () => MigrationInterface;

/**
 * The migrations of the tables this library owns (read models, state shared by the instances).
 * The tables of the service's own modules (ANAC practices, deadlines, idempotency, webhooks) have
 * their migrations next to their owner: the service composes this list with its own and gives the
 * whole to `createReadModelDataSource` / `migraModelliDiLettura`. typeorm runs them in timestamp
 * order, whatever the order of the list; applied ones are in `rm_migrations`.
 */
export const readModelMigrations: readonly Migrazione[] = [ReadModelsIniziali1732600000000, ListingCompleto1732600200000, Audit1732600200001, RegimiStorici1732600100000, ListingConteggi1732600200002, Csv1732600200003, TrasmissioniEsiti1732600500000, ListingEsitiRitiri1732600500001, CarnetCigPerCodice1732600500002, AuditMerkle1732600600001, AuditTestimoni1732600600101, StatoCondiviso1732601200000, AuditMerkleSenzaFoglie1732601300600, VerificheAvviataDa1732601300700];

/**
 * typeorm over the read-model database: it owns the schema (migrations) of the read models.
 * Projections write through the consumer's transaction with plain SQL; queries use this source.
 */
export function createReadModelDataSource(url: string, poolSize = 5, migrazioni: readonly Migrazione[] = readModelMigrations): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: [...migrazioni],
    migrationsTableName: 'rm_migrations',
    migrationsTransactionMode: 'each',
    extra: { max: poolSize },
    logging: false,
  });
}

/**
 * Initialises typeorm's own pg pool so that a dying connection never crashes the process: every
 * client gets an 'error' listener (typeorm only listens on the pool).
 */
export async function inizializza(dataSource: DataSource): Promise<void> {
  await dataSource.initialize();
  const pool = (dataSource.driver as unknown as { master?: { on: Function; _clients?: Array<{ on: Function }> } }).master;
  const ignora = () => undefined;
  pool?.on('connect', (client: { on: Function }) => client.on('error', ignora));
  for (const client of pool?._clients ?? []) client.on('error', ignora);
}

/** Applies pending migrations, one instance at a time (a session advisory lock held meanwhile). */
export async function migrateReadModels(dataSource: DataSource): Promise<string[]> {
  if (!dataSource.isInitialized) await inizializza(dataSource);
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext('rm-migrations'))");
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query("SELECT pg_advisory_unlock(hashtext('rm-migrations'))").catch(() => undefined);
    await lock.release();
  }
}

/**
 * Applies pending migrations (the library's, or the list given) on the database at `url` through a
 * short-lived connection, for those that migrate and then use the tables with `pg` alone (CLI, tests,
 * benchmarks).
 */
export async function migraModelliDiLettura(url: string, migrazioni: readonly Migrazione[] = readModelMigrations): Promise<string[]> {
  const dataSource = createReadModelDataSource(url, 2, migrazioni);
  try {
    return await migrateReadModels(dataSource);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
