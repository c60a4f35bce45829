import { Command } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { EsitoComando } from '../comandi-appalto.js';

/**
 * Cancels the request: a draft at once, one already at ANAC through cancella-appalto; with the
 * conferma still at ANAC it is withdrawn ("ritiro richiesto") as soon as ANAC allows.
 */
export class CancellaAppalto extends Command<EsitoComando> {
  constructor(
    readonly appaltoId: string,
    readonly motivo: string,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
