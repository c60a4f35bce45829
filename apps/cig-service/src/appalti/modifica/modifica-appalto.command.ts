import { Command } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { EsitoComando } from '../comandi-appalto.js';
import type { ModificaAppaltoDto } from './modifica-appalto.dto.js';

/** Changes dati di gara, RUP or centro di costo (in draft, or after ANAC refused the request). */
export class ModificaAppalto extends Command<EsitoComando> {
  constructor(
    readonly appaltoId: string,
    readonly modifiche: ModificaAppaltoDto,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
