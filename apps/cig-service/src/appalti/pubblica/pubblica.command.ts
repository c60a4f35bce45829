import { Command } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { EsitoComando } from '../comandi-appalto.js';

/** Asks ANAC to publish the avviso (open, restricted, negotiated procedures). */
export class PubblicaAppalto extends Command<EsitoComando> {
  constructor(
    readonly appaltoId: string,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
