import { createReadStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { importaCigAnac, type Progresso } from '#anac';
import { EsdbEventStore, PostgresEventStore, type EventStore } from '#event-store';
import { createLogger, loadConfig, openDatabase, randomIds } from '#platform';
import { leggiOpzioni } from './opzioni.js';
import type { CommandIo } from './valida-cig.js';

const USO = 'uso: cli import <file.csv> [--ufficio CODICE] [--concorrenza N]';

/**
 * `import`: ANAC's open data `cig` dataset into the event store, without the HTTP service: the
 * same configuration (DATABASE_URL or the embedded PostgreSQL in DATA_DIR, EVENT_STORE) and the
 * same importer as `POST /admin/import` (libs/anac). Progress on stderr, the report on stdout.
 * Exit code: 0 every row imported (or already there), 1 some rows rejected, 2 usage or file error.
 */
export async function importaCommand(args: string[], io: CommandIo): Promise<number> {
  const { opzioni, posizionali } = leggiOpzioni(args);
  const file = posizionali[0];
  if (!file || posizionali.length > 1) {
    io.err(USO);
    return 2;
  }
  if (!existsSync(file)) {
    io.err(`file non trovato: ${file}`);
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const database = await openDatabase(config, logger);
  let store: EventStore | undefined;
  try {
    if (config.EVENT_STORE === 'esdb') store = new EsdbEventStore(config.ESDB_URL!);
    else {
      const pg = new PostgresEventStore(database.pool);
      await pg.migrate();
      store = pg;
    }
    const mostra = (p: Progresso) => io.err(`  ${p.righe} righe lette, ${p.importate} importate, ${p.giaPresenti} già presenti, ${p.scartate} scartate (${Math.round(p.righe / Math.max(p.ms / 1000, 0.001))} righe/s)`);
    io.err(`importazione di ${file}…`);
    const esito = await importaCigAnac(store, createReadStream(file), {
      file: basename(file),
      ufficio: opzioni.get('ufficio') ?? 'OPEN-DATA-ANAC',
      attore: { userId: 'sistema:cli-import', role: 'SISTEMA' },
      correlationId: randomIds.uuid(),
      ...(opzioni.has('concorrenza') ? { concorrenza: Number(opzioni.get('concorrenza')) } : {}),
      pool: database.pool,
      progresso: mostra,
      ogni: 10_000,
    });
    io.out(`righe: ${esito.righe}, importate: ${esito.importate}, già presenti: ${esito.giaPresenti}, scartate: ${esito.scartate}, eventi: ${esito.eventi}, durata: ${(esito.ms / 1000).toFixed(1)} s`);
    for (const s of esito.dettaglioScartate) io.out(`riga ${s.riga}${s.cig ? ` (${s.cig})` : ''}: ${s.motivi.join('; ')}`);
    if (esito.scartate > esito.dettaglioScartate.length) io.out(`… e altre ${esito.scartate - esito.dettaglioScartate.length} righe scartate`);
    return esito.scartate > 0 ? 1 : 0;
  } catch (error) {
    io.err(`importazione interrotta: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    await store?.close().catch(() => undefined);
    await database.close();
  }
}
