import { validaCig } from '#anac';

/** Where a command writes; injected so tests can capture output. */
export type CommandIo = { out: (line: string) => void; err: (line: string) => void };

const USO = 'uso: cli valida-cig CIG [CIG ...]';

// A tab or newline inside an argument would break the one-line, four-column format.
const campo = (testo: string): string =>
  testo.replace(/[\t\n\r]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));

/**
 * `valida-cig`: checks each argument with ANAC's CIG algorithm (see libs/anac/src/cig/cig-code.ts).
 * One tab-separated line per code: `CODICE<TAB>valido|non valido<TAB>famiglia|-<TAB>motivo|-`,
 * where CODICE is the normalised code (trimmed, upper-cased) so the output can be reused as-is.
 * Exit code: 0 all valid, 1 any invalid, 2 no codes given (usage on stderr).
 */
export async function validaCigCommand(args: string[], io: CommandIo): Promise<number> {
  if (args.length === 0) {
    io.err(USO);
    return 2;
  }
  let tuttiValidi = true;
  for (const arg of args) {
    const esito = validaCig(arg);
    if (!esito.valido) tuttiValidi = false;
    const colonne = [esito.codice, esito.valido ? 'valido' : 'non valido', esito.famiglia ?? '-', esito.valido ? '-' : esito.motivo];
    io.out(colonne.map(campo).join('\t'));
  }
  return tuttiValidi ? 0 : 1;
}
