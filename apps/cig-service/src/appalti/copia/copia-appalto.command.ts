import { Command } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { EsitoComando } from '../comandi-appalto.js';

/** manuale START Richiedi CIG "copia": a new draft with the data of another request. */
export class CopiaAppalto extends Command<EsitoComando> {
  constructor(
    readonly appaltoId: string,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
