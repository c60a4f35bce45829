import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { CursoreFirmato, esportaCsv, leggiFiltriListing, paginaListing, ParametroNonValido, prendiClient, rilasciaClient, type RichiestaListing } from '#read-models';
import { Barra } from './barra.js';
import { comeQuery, conContesto, type Ambiente } from './contesto-cli.js';
import { leggiOpzioni } from './opzioni.js';
import type { CommandIo } from './valida-cig.js';

const USO = 'uso: cli export <file.csv> [--ufficio U] [--oggetto …] [--statoRichiesta …] [--dataInvioDa GG/MM/AAAA] … (i filtri di GET /cig)';

/**
 * `export <file.csv> [filters]`: the listing's CSV (same filters, formats and streaming as
 * GET /cig/export.csv) written to a file, every office unless `--ufficio`. Exit code: 0 written,
 * 2 usage or wrong filter.
 */
export async function esportaCommand(args: string[], io: CommandIo, env: Ambiente = process.env): Promise<number> {
  const { opzioni, posizionali } = leggiOpzioni(args);
  if (posizionali.length !== 1) {
    io.err(USO);
    return 2;
  }
  let richiesta: RichiestaListing;
  try {
    richiesta = leggiFiltriListing(comeQuery(opzioni, ['ufficio']), { pagine: false, limiteMax: 0 });
  } catch (error) {
    io.err(error instanceof ParametroNonValido ? error.message.replace(/(^|; )(\w+):/g, '$1--$2:') : String(error));
    io.err(USO);
    return 2;
  }
  const ambito = opzioni.has('ufficio') ? { ufficio: opzioni.get('ufficio') } : {};
  return conContesto(env, io, async ({ database }) => {
    const conteggio = await paginaListing(database.pool, { ...richiesta, limite: 1 }, ambito, new CursoreFirmato(randomBytes(32)));
    const uscita = createWriteStream(posizionali[0]);
    const client = await prendiClient(database.pool);
    const barra = Barra.perProcesso(io, 'righe');
    let righe = -1;
    try {
      for await (const blocco of esportaCsv(client, richiesta, ambito)) {
        righe += blocco.split('\r\n').length - 1;
        barra.aggiorna(Math.max(righe, 0), conteggio.totale);
        if (!uscita.write(blocco)) await once(uscita, 'drain');
      }
    } finally {
      rilasciaClient(client);
      uscita.end();
      await once(uscita, 'finish');
    }
    barra.fine(`${Math.max(righe, 0)} righe scritte in ${posizionali[0]}`);
    return 0;
  });
}
