import { Command } from '@nestjs/cqrs';
import type { DatiSmartCig } from '#domain';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { Carnets } from '../carnets.js';

/** Uses a code of the carnet: communicates its SmartCIG data (late after 30 days from the expiry). */
export class ComunicaCigDelCarnet extends Command<Awaited<ReturnType<Carnets['suCodice']>>> {
  constructor(
    readonly numero: string,
    readonly cig: string,
    readonly dati: DatiSmartCig,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
