import { ESITO, type CommandIo, type RegistraComando } from '../programma.js';

export type { CommandIo } from '../programma.js';

// A tab or newline inside an argument would break the one-line, four-column format.
const campo = (testo: string): string =>
  testo.replace(/[\t\n\r]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));

export const registraValidaCig: RegistraComando = (programma, c) => {
  programma
    .command('valida-cig')
    .description("controlla i codici CIG con l'algoritmo di ANAC")
    .argument('<cig...>', 'uno o più codici')
    .addHelpText('after', '\nUna riga per codice, separata da tabulazioni: CODICE, valido|non valido, famiglia, motivo.\nCodici di uscita: 0 tutti validi, 1 almeno uno non valido, 2 uso errato.')
    .action((codici: string[]) => c.esegui(() => validaCigCommand(codici, c.io)));
};

/**
 * `valida-cig`: checks each argument with ANAC's CIG algorithm (see libs/anac/src/cig/cig-code.ts).
 * One tab-separated line per code: `CODICE<TAB>valido|non valido<TAB>famiglia|-<TAB>motivo|-`,
 * where CODICE is the normalised code (trimmed, upper-cased) so the output can be reused as-is.
 * Exit code: 0 all valid, 1 any invalid, 2 no codes given (usage on stderr).
 */
export async function validaCigCommand(args: string[], io: CommandIo): Promise<number> {
  if (args.length === 0) {
    io.err('uso: cli valida-cig <cig...>');
    return ESITO.USO;
  }
  // Only the check algorithm, not the whole of #anac (HTTP clients, importer: about a second of
  // loading): `valida-cig` is meant to answer at once, in scripts too.
  const { validaCig } = await import('../../../../libs/anac/src/cig/cig-code.js');
  let tuttiValidi = true;
  for (const arg of args) {
    const esito = validaCig(arg);
    if (!esito.valido) tuttiValidi = false;
    const colonne = [esito.codice, esito.valido ? 'valido' : 'non valido', esito.famiglia ?? '-', esito.valido ? '-' : esito.motivo];
    io.out(colonne.map(campo).join('\t'));
  }
  return tuttiValidi ? ESITO.OK : ESITO.FALLITO;
}
