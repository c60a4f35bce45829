// CLI entry point: `cli <comando> [argomenti] [opzioni]`, parsed by commander (programma.ts). To
// add a command, write commands/<name>.ts exporting a RegistraComando and list it in comandi.ts;
// load heavy modules inside its action, so that every command starts fast.
import { COMANDI } from './comandi.js';
import { eseguiCli } from './programma.js';

const codice = await eseguiCli(
  process.argv.slice(2),
  { out: (riga) => process.stdout.write(`${riga}\n`), err: (riga) => process.stderr.write(`${riga}\n`) },
  process.env,
  COMANDI,
);
// Explicitly: a pool or timer left open must not keep the process alive, and no exit hook of a
// library may replace the code (stdout and stderr are synchronous for files and pipes on Linux).
process.exit(codice);
