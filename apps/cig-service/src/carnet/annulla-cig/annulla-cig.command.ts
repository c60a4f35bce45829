import { Command } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { Carnets } from '../carnets.js';

/** Annuls a code of the carnet not used. */
export class AnnullaCigDelCarnet extends Command<Awaited<ReturnType<Carnets['suCodice']>>> {
  constructor(
    readonly numero: string,
    readonly cig: string,
    readonly motivo: string | undefined,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
