import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { RichiestaListing } from '#read-models';
import { ESITO, type Ambiente, type CommandIo, type RegistraComando } from '../programma.js';
import { Barra } from './barra.js';
import { comeQuery, conContesto } from './contesto-cli.js';
import { leggiOpzioni } from './opzioni.js';

export const registraEsporta: RegistraComando = (programma, c) => {
  programma
    .command('export')
    .description("scrive in un file l'elenco dei CIG in CSV, come GET /cig/export.csv, di tutti gli uffici salvo --ufficio")
    .argument('<file.csv>', 'il file da scrivere')
    .option('--ufficio <codice>', 'solo le richieste di questo ufficio')
    // The filters are those of GET /cig, checked by the same reader: not listed twice here.
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText('after', '\nFiltri: i parametri di GET /cig come opzioni, per esempio --oggetto pulizia --statoRichiesta Perfezionata\n--dataInvioDa 01/01/2024 --dataInvioA 31/12/2024 --valoreDa 1000 --ordina valore --verso desc.\nCodici di uscita: 0 scritto, 2 uso errato o filtro non valido.')
    .action((_file: string, o: { ufficio?: string }, comando: { args: string[] }) =>
      c.esegui(() => esportaCommand([...comando.args, ...(o.ufficio !== undefined ? ['--ufficio', o.ufficio] : [])], c.io, c.env)),
    );
};

/**
 * `export <file.csv> [filters]`: the listing's CSV (same filters, formats and streaming as
 * GET /cig/export.csv) written to a file, every office unless `--ufficio`. Exit code: 0 written,
 * 2 usage or wrong filter.
 */
export async function esportaCommand(args: string[], io: CommandIo, env: Ambiente = process.env): Promise<number> {
  const { opzioni, posizionali } = leggiOpzioni(args);
  if (posizionali.length !== 1) {
    io.err(posizionali.length === 0 ? 'argomento mancante: <file.csv>' : `troppi argomenti: ${posizionali.slice(1).join(' ')}`);
    return ESITO.USO;
  }
  const { CursoreFirmato, esportaCsv, leggiFiltriListing, paginaListing, ParametroNonValido } = await import('#read-models');
  const { prendiClient, rilasciaClient } = await import('#platform');
  let richiesta: RichiestaListing;
  try {
    richiesta = leggiFiltriListing(comeQuery(opzioni, ['ufficio']), { pagine: false, limiteMax: 0 });
  } catch (error) {
    io.err(error instanceof ParametroNonValido ? error.message.replace(/(^|; )(\w+):/g, '$1--$2:') : String(error));
    return ESITO.USO;
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
    return ESITO.OK;
  });
}
