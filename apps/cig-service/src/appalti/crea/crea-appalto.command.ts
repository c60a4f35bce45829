import { Command } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { EsitoComando } from '../comandi-appalto.js';
import type { CreaAppaltoDto } from './crea-appalto.dto.js';

/** Drafts a new CIG request (CdC, RUP, dati di gara) for the caller's office. */
export class CreaAppalto extends Command<EsitoComando> {
  constructor(
    readonly dati: CreaAppaltoDto,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
