import { Command } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { EsitoComando } from '../comandi-appalto.js';

/** Removes a lot of an appalto being drafted. */
export class RimuoviLotto extends Command<EsitoComando> {
  constructor(
    readonly appaltoId: string,
    readonly lotIdentifier: string,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
