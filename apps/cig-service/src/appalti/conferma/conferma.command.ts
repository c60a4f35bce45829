import { Command } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { EsitoComando } from '../comandi-appalto.js';

/** Sends the request to ANAC: the process manager carries it out (crea, conferma, esito, recupero CIG). */
export class ConfermaAppalto extends Command<EsitoComando> {
  constructor(
    readonly appaltoId: string,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
