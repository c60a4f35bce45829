import { createReadStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Progresso } from '#importazione';
import type { EventStore } from '#event-store';
import { ESITO, type Ambiente, type CommandIo, type RegistraComando } from '../programma.js';

export interface OpzioniImporta {
  readonly ufficio?: string;
  readonly concorrenza?: string;
}

export const registraImporta: RegistraComando = (programma, c) => {
  programma
    .command('import')
    .description('importa il dataset "cig" degli open data di ANAC nel registro degli eventi')
    .argument('<file.csv>', 'il file CSV di ANAC (separatore ;)')
    .option('--ufficio <codice>', "l'ufficio a cui attribuire i CIG (predefinito: OPEN-DATA-ANAC)")
    .option('--concorrenza <n>', 'scritture in parallelo')
    .addHelpText('after', '\nIdempotente: una seconda importazione dello stesso file non aggiunge nulla. Con il servizio acceso sulla\nstessa DATA_DIR usa il suo PostgreSQL incorporato e lo lascia acceso.\nCodici di uscita: 0 tutte le righe importate o già presenti, 1 righe scartate, 2 uso errato o file illeggibile.')
    .action((file: string, opzioni: OpzioniImporta) => c.esegui(() => importaCommand(file, opzioni, c.io, c.env)));
};

/**
 * `import`: ANAC's open data `cig` dataset into the event store, without the HTTP service: the
 * same configuration (DATABASE_URL or the embedded PostgreSQL in DATA_DIR, EVENT_STORE) and the
 * same importer as `POST /admin/import` (libs/anac). Progress on stderr, the report on stdout.
 * Exit code: 0 every row imported (or already there), 1 some rows rejected, 2 usage or file error.
 */
export async function importaCommand(file: string, opzioni: OpzioniImporta, io: CommandIo, env: Ambiente = process.env): Promise<number> {
  if (!existsSync(file)) {
    io.err(`file non trovato: ${file}`);
    return ESITO.USO;
  }
  const concorrenza = opzioni.concorrenza !== undefined ? Number(opzioni.concorrenza) : undefined;
  if (concorrenza !== undefined && !(Number.isInteger(concorrenza) && concorrenza > 0 && concorrenza <= 64)) {
    io.err('--concorrenza: un numero intero tra 1 e 64');
    return ESITO.USO;
  }
  const { importaCigAnac } = await import('#importazione');
  const { EsdbEventStore, PostgresEventStore } = await import('#event-store');
  const { createLogger, loadConfig, openDatabase, randomIds } = await import('#platform');
  const config = loadConfig(env);
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  // With the embedded server of DATA_DIR, one the service runs is joined and left running.
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
      ufficio: opzioni.ufficio ?? 'OPEN-DATA-ANAC',
      attore: { userId: 'sistema:cli-import', role: 'SISTEMA' },
      correlationId: randomIds.uuid(),
      ...(concorrenza !== undefined ? { concorrenza } : {}),
      pool: database.pool,
      progresso: mostra,
      ogni: 10_000,
    });
    io.out(`righe: ${esito.righe}, importate: ${esito.importate}, già presenti: ${esito.giaPresenti}, scartate: ${esito.scartate}, eventi: ${esito.eventi}, durata: ${(esito.ms / 1000).toFixed(1)} s`);
    for (const s of esito.dettaglioScartate) io.out(`riga ${s.riga}${s.cig ? ` (${s.cig})` : ''}: ${s.motivi.join('; ')}`);
    if (esito.scartate > esito.dettaglioScartate.length) io.out(`… e altre ${esito.scartate - esito.dettaglioScartate.length} righe scartate`);
    return esito.scartate > 0 ? ESITO.FALLITO : ESITO.OK;
  } catch (error) {
    io.err(`importazione interrotta: ${error instanceof Error ? error.message : String(error)}`);
    return ESITO.USO;
  } finally {
    await store?.close().catch(() => undefined);
    await database.close();
  }
}
