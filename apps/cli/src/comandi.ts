import { registraAudit } from './commands/audit.js';
import { registraEsporta } from './commands/esporta.js';
import { registraImporta } from './commands/importa.js';
import { registraRebuild } from './commands/rebuild.js';
import { registraStoria } from './commands/storia.js';
import { registraToken } from './commands/token.js';
import { registraValidaCig } from './commands/valida-cig.js';
import type { RegistraComando } from './programma.js';

/** The CLI's commands, in the order `cli --help` lists them. */
export const COMANDI: readonly RegistraComando[] = [registraValidaCig, registraToken, registraImporta, registraStoria, registraAudit, registraRebuild, registraEsporta];
