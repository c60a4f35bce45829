import { Command } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { EsitoComando } from '../comandi-appalto.js';
import type { ModificaAvvisoDto } from './modifica-avviso.dto.js';

/** Replaces the avviso not yet published: ANAC regenerates every lot's CIG (carried out by the process manager). */
export class ModificaAvviso extends Command<EsitoComando> {
  constructor(
    readonly appaltoId: string,
    readonly modifiche: ModificaAvvisoDto,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
