import { Command, CommanderError, Help } from 'commander';
/** Where a command writes; injected so tests can capture output. */
export type CommandIo = { out: (line: string) => void; err: (line: string) => void };

export type Ambiente = Record<string, string | undefined>;

/** What every command gets: where to write, the environment (configuration), and where its exit code goes. */
export interface ContestoCli {
  readonly io: CommandIo;
  readonly env: Ambiente;
  /** Runs a command's work and keeps its exit code (0 ok, 1 check failed or not found, 2 usage). */
  esegui(lavoro: () => Promise<number>): Promise<void>;
}

/** A command of the CLI: adds itself (and its subcommands) to the program. */
export type RegistraComando = (programma: Command, contesto: ContestoCli) => void;

/** Exit codes, the same for every command. */
export const ESITO = { OK: 0, FALLITO: 1, USO: 2 } as const;

const TITOLI: Record<string, string> = {
  'Usage:': 'Uso:',
  'Options:': 'Opzioni:',
  'Commands:': 'Comandi:',
  'Arguments:': 'Argomenti:',
  'Global Options:': 'Opzioni globali:',
};

const CODICI_USCITA = `
Codici di uscita: 0 riuscito; 1 verifica fallita, non trovato o lavoro non riuscito; 2 uso errato.`;

/**
 * The command line, parsed by `commander`: `--help`, `-h` and `help [comando]` for the program and
 * for every command, Italian messages, and the exit code of the command (usage errors: 2).
 */
export async function eseguiCli(argv: readonly string[], io: CommandIo, env: Ambiente, comandi: readonly RegistraComando[]): Promise<number> {
  let codice: number = ESITO.OK;
  const contesto: ContestoCli = {
    io,
    env,
    async esegui(lavoro) {
      codice = await lavoro();
    },
  };
  const programma = new Command('cli')
    .description('CIG Ledger da riga di comando: controllo dei CIG, token di prova, importazione, storia, registro di audit, proiezioni, esportazione.')
    .usage('<comando> [argomenti] [opzioni]')
    .exitOverride()
    .configureOutput({
      writeOut: (testo) => io.out(testo.replace(/\n$/, '')),
      writeErr: (testo) => io.err(testo.replace(/\n$/, '')),
      outputError: (testo, scrivi) => scrivi(traduci(testo)),
    })
    .configureHelp({ styleTitle: (titolo) => TITOLI[titolo] ?? titolo, commandUsage: usoInItaliano, subcommandTerm: voceInItaliano })
    .helpOption('-h, --help', "mostra l'aiuto")
    .helpCommand('help [comando]', "mostra l'aiuto di un comando")
    .showHelpAfterError("(--help per l'aiuto)")
    .addHelpText('after', CODICI_USCITA);
  for (const registra of comandi) registra(programma, contesto);
  try {
    await programma.parseAsync([...argv], { from: 'user' });
    return codice;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ESITO.OK : ESITO.USO;
    // By name: importing the configuration module here would slow down every command.
    if (error instanceof Error && error.name === 'ConfigError') {
      io.err(`configurazione non valida:\n${(error as Error & { problems: string[] }).problems.map((p) => `  - ${p}`).join('\n')}`);
      return ESITO.USO;
    }
    io.err(`errore: ${error instanceof Error ? error.message : String(error)}`);
    return ESITO.FALLITO;
  }
}

const inItaliano = (testo: string) => testo.replace('[options]', '[opzioni]').replace('[command]', '<comando>');

function usoInItaliano(this: Help, comando: Command): string {
  return inItaliano(Help.prototype.commandUsage.call(this, comando));
}

function voceInItaliano(this: Help, comando: Command): string {
  return inItaliano(Help.prototype.subcommandTerm.call(this, comando));
}

/** commander's messages (English) in Italian; an unexpected one is shown as it is. */
export function traduci(testo: string): string {
  const regole: Array<[RegExp, (...g: string[]) => string]> = [
    [/^error: unknown command '(.*)'/, (c) => `comando sconosciuto: ${c}`],
    [/^error: unknown option '(.*)'/, (o) => `opzione sconosciuta: ${o}`],
    [/^error: missing required argument '(.*)'/, (a) => `argomento mancante: <${a}>`],
    [/^error: option '(.*)' argument missing/, (o) => `manca il valore dell'opzione ${o}`],
    [/^error: required option '(.*)' not specified/, (o) => `opzione obbligatoria mancante: ${o}`],
    [/^error: too many arguments(?: for '(.*)')?/, (c) => `troppi argomenti${c ? ` per ${c}` : ''}`],
    [/^error: option '(.*)' argument '(.*)' is invalid\. (.*)/, (o, v, m) => `${/--[\w-]+/.exec(o)?.[0] ?? o} '${v}': ${m}`],
    [/^error: command-argument value '(.*)' is invalid for argument '(.*)'\. (.*)/, (v, a, m) => `<${a}> '${v}': ${m}`],
  ];
  const riga = testo.trim();
  const suggerimento = /\(Did you mean (.*)\?\)/.exec(riga);
  for (const [re, frase] of regole) {
    const m = re.exec(riga);
    if (m) return `${frase(...m.slice(1))}${suggerimento ? ` (forse ${suggerimento[1]}?)` : ''}\n`;
  }
  return `${riga.replace(/^error: /, '')}\n`;
}
