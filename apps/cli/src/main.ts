// CLI entry point: `cli <command> [args...]`. To add a command, write
// commands/<name>.ts exporting an async (args, io) => exitCode and register it below.
import { importaCommand } from './commands/importa.js';
import { auditCommand } from './commands/audit.js';
import { esportaCommand } from './commands/esporta.js';
import { rebuildCommand } from './commands/rebuild.js';
import { storiaCommand } from './commands/storia.js';
import { tokenCommand } from './commands/token.js';
import { validaCigCommand, type CommandIo } from './commands/valida-cig.js';

type CommandHandler = (args: string[], io: CommandIo) => Promise<number>;

const commands: Record<string, CommandHandler> = {
  'valida-cig': validaCigCommand,
  token: tokenCommand,
  import: importaCommand,
  storia: (args, io) => storiaCommand(args, io),
  audit: (args, io) => auditCommand(args, io),
  rebuild: (args, io) => rebuildCommand(args, io),
  export: (args, io) => esportaCommand(args, io),
};

const io: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const [command, ...args] = process.argv.slice(2);
// Object.hasOwn: a bare lookup would also match inherited names such as 'toString'.
const handler = command !== undefined && Object.hasOwn(commands, command) ? commands[command] : undefined;

if (handler) {
  process.exitCode = await handler(args, io);
} else {
  if (command !== undefined) io.err(`comando sconosciuto: ${command}`);
  io.err('uso: cli <comando> [argomenti...]');
  io.err(`comandi: ${Object.keys(commands).join(', ')}`);
  process.exitCode = 2;
}
