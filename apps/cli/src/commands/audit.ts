import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { esportaAudit, verificaAudit, verificaExport, type EsitoVerifica } from '#read-models';
import { Barra } from './barra.js';
import { conContesto, firmaDaConfig, type Ambiente } from './contesto-cli.js';
import { leggiOpzioni } from './opzioni.js';
import type { CommandIo } from './valida-cig.js';

const USO = [
  'uso: cli audit verifica [--json]                                   verifica il registro (catena, firme, eventi)',
  '     cli audit verifica-export <file> --chiave-pubblica <pem>      verifica offline un registro esportato',
  '     cli audit esporta <file> [--da-seq N] [--a-seq N]             esporta il registro (JSON lines)',
  '     cli audit chiave-pubblica                                     stampa la chiave pubblica (PEM) dei checkpoint',
];

/**
 * `audit …`: the anti-corruption officer's checks of the audit trail. Exit code: 0 the trail is
 * intact (or the work was done), 1 the check found a problem (printed: which record, which event),
 * 2 usage or unreadable input.
 */
export async function auditCommand(args: string[], io: CommandIo, env: Ambiente = process.env): Promise<number> {
  const [sotto, ...resto] = args;
  const { opzioni, posizionali } = leggiOpzioni(resto);
  const uso = () => {
    for (const riga of USO) io.err(riga);
    return 2;
  };
  switch (sotto) {
    case 'verifica':
      if (posizionali.length > 0) return uso();
      return conContesto(env, io, async (c, config) => {
        const firma = await firmaDaConfig(config);
        const barra = Barra.perProcesso(io, 'record');
        const esito = await verificaAudit(c.database.pool, c.store, { chiavePubblicaPem: firma.chiavePubblicaPem, progresso: (n, t) => barra.aggiorna(n, t) });
        barra.fine('verifica terminata');
        return riporta(esito, io, opzioni.has('json'));
      });
    case 'verifica-export': {
      const file = posizionali[0];
      const pem = opzioni.get('chiave-pubblica');
      if (!file || posizionali.length > 1 || !pem) return uso();
      if (!existsSync(file) || !existsSync(pem)) {
        io.err(`file non trovato: ${!existsSync(file) ? file : pem}`);
        return 2;
      }
      const righe = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
      try {
        return riporta(await verificaExport(righe, readFileSync(pem, 'utf8')), io, opzioni.has('json'));
      } catch (error) {
        io.err(`verifica non eseguita: ${error instanceof Error ? error.message : String(error)}`);
        return 2;
      }
    }
    case 'esporta': {
      const file = posizionali[0];
      if (!file || posizionali.length > 1) return uso();
      return conContesto(env, io, async (c, config) => {
        const firma = await firmaDaConfig(config);
        const uscita = createWriteStream(file);
        let n = 0;
        const barra = Barra.perProcesso(io, 'record');
        for await (const riga of esportaAudit(c.database.pool, firma, { daSeq: opzioni.get('da-seq'), aSeq: opzioni.get('a-seq') }, new Date())) {
          if (!uscita.write(riga)) await once(uscita, 'drain');
          if (riga.startsWith('{"riga":"record"') && ++n % 10_000 === 0) barra.aggiorna(n);
        }
        uscita.end();
        await once(uscita, 'finish');
        barra.fine(`${n} record esportati in ${file} (chiave ${firma.chiave})`);
        return 0;
      });
    }
    case 'chiave-pubblica':
      return conContesto(env, io, async (_c, config) => {
        io.out((await firmaDaConfig(config)).chiavePubblicaPem.trim());
        return 0;
      });
    default:
      return uso();
  }
}

function riporta(esito: EsitoVerifica, io: CommandIo, json: boolean): number {
  if (json) io.out(JSON.stringify(esito));
  else if (esito.integra) io.out(`registro integro: ${esito.recordVerificati} record, ${esito.checkpointVerificati} checkpoint firmati verificati`);
  else {
    const p = esito.problema!;
    io.out(`registro NON integro: ${p.tipo} al record ${p.seq}${p.eventId ? ` (evento ${p.eventId})` : ''}: ${p.dettaglio}`);
    io.out(`record verificati prima del problema: ${esito.recordVerificati}`);
  }
  return esito.integra ? 0 : 1;
}
