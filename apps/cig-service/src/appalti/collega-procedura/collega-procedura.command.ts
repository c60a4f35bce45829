import { Command } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { EsitoComando } from '../comandi-appalto.js';

/** Links the request to the platform's procedure ("CIG first" flow). */
export class CollegaProcedura extends Command<EsitoComando> {
  constructor(
    readonly appaltoId: string,
    readonly idProcedura: string,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
