import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { EsitoVerifica } from '#read-models';
import { ESITO, type CommandIo, type ContestoCli, type RegistraComando } from '../programma.js';
import { registraProveAudit } from './audit-prove.js';
import { Barra } from './barra.js';
import { conContesto, firmaDaConfig } from './contesto-cli.js';

/**
 * `audit …`: the anti-corruption officer's checks of the audit trail, one subcommand each (a new
 * check is one more `audit.command(…)` below). Exit code: 0 the trail is intact (or the work was
 * done), 1 the check found a problem (printed: which record, which event), 2 usage or unreadable input.
 */
export const registraAudit: RegistraComando = (programma, c) => {
  const audit = programma
    .command('audit')
    .description('verifiche del registro di audit (catena di hash, checkpoint firmati)')
    .addHelpText('after', '\nCodici di uscita: 0 registro integro o lavoro svolto, 1 problema trovato (record ed evento indicati), 2 uso errato o file illeggibile.');

  audit
    .command('verifica')
    .description('verifica il registro nella base dati: catena, firme, eventi')
    .option('--json', "l'esito in JSON")
    .action((o: { json?: boolean }) => c.esegui(() => verifica(c, o.json === true)));

  audit
    .command('verifica-export')
    .description('verifica offline un registro esportato (GET /audit/export o audit esporta)')
    .argument('<file>', 'il registro esportato (JSON lines)')
    .requiredOption('--chiave-pubblica <pem>', 'la chiave pubblica dei checkpoint in un file PEM (GET /audit/chiave-pubblica?formato=pem o audit chiave-pubblica)')
    .option('--json', "l'esito in JSON")
    .action((file: string, o: { chiavePubblica: string; json?: boolean }) => c.esegui(() => verificaExport(c.io, file, o.chiavePubblica, o.json === true)));

  audit
    .command('esporta')
    .description('esporta il registro in un file (JSON lines), verificabile offline')
    .argument('<file>', 'il file da scrivere')
    .option('--da-seq <n>', 'dal record n')
    .option('--a-seq <n>', 'fino al record n')
    .action((file: string, o: { daSeq?: string; aSeq?: string }) => c.esegui(() => esporta(c, file, o)));

  audit
    .command('chiave-pubblica')
    .description('stampa la chiave pubblica (PEM) dei checkpoint')
    .action(() => c.esegui(() => chiavePubblica(c)));

  registraProveAudit(audit, c);
};

function verifica(c: ContestoCli, json: boolean): Promise<number> {
  return conContesto(c.env, c.io, async (contesto, config) => {
    const { verificaAudit } = await import('#read-models');
    const firma = await firmaDaConfig(config);
    const barra = Barra.perProcesso(c.io, 'record');
    const esito = await verificaAudit(contesto.database.pool, contesto.store, { chiavePubblicaPem: firma.chiavePubblicaPem, progresso: (n, t) => barra.aggiorna(n, t) });
    barra.fine('verifica terminata');
    return riporta(esito, c.io, json);
  });
}

async function verificaExport(io: CommandIo, file: string, pem: string, json: boolean): Promise<number> {
  const mancante = [file, pem].find((f) => !existsSync(f));
  if (mancante) {
    io.err(`file non trovato: ${mancante}`);
    return ESITO.USO;
  }
  const { verificaExport: verificaRighe } = await import('#read-models');
  const righe = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  try {
    return riporta(await verificaRighe(righe, readFileSync(pem, 'utf8')), io, json);
  } catch (error) {
    io.err(`verifica non eseguita: ${error instanceof Error ? error.message : String(error)}`);
    return ESITO.USO;
  }
}

function esporta(c: ContestoCli, file: string, o: { daSeq?: string; aSeq?: string }): Promise<number> {
  return conContesto(c.env, c.io, async (contesto, config) => {
    const { esportaAudit } = await import('#read-models');
    const firma = await firmaDaConfig(config);
    const uscita = createWriteStream(file);
    let n = 0;
    const barra = Barra.perProcesso(c.io, 'record');
    for await (const riga of esportaAudit(contesto.database.pool, firma, { daSeq: o.daSeq, aSeq: o.aSeq }, new Date())) {
      if (!uscita.write(riga)) await once(uscita, 'drain');
      if (riga.startsWith('{"riga":"record"') && ++n % 10_000 === 0) barra.aggiorna(n);
    }
    uscita.end();
    await once(uscita, 'finish');
    barra.fine(`${n} record esportati in ${file} (chiave ${firma.chiave})`);
    return ESITO.OK;
  });
}

function chiavePubblica(c: ContestoCli): Promise<number> {
  return conContesto(c.env, c.io, async (_contesto, config) => {
    c.io.out((await firmaDaConfig(config)).chiavePubblicaPem.trim());
    return ESITO.OK;
  });
}

function riporta(esito: EsitoVerifica, io: CommandIo, json: boolean): number {
  if (json) io.out(JSON.stringify(esito));
  else if (esito.integra) io.out(`registro integro: ${esito.recordVerificati} record, ${esito.checkpointVerificati} checkpoint firmati verificati`);
  else {
    const p = esito.problema!;
    io.out(`registro NON integro: ${p.tipo} al record ${p.seq}${p.eventId ? ` (evento ${p.eventId})` : ''}: ${p.dettaglio}`);
    io.out(`record verificati prima del problema: ${esito.recordVerificati}`);
  }
  return esito.integra ? ESITO.OK : ESITO.FALLITO;
}
