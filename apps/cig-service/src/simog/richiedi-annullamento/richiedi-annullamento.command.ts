import { Command } from '@nestjs/cqrs';
import type { Position } from '#event-store';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { CigEsistente, StatoCig } from '#domain';
import type { AnnullamentoDto } from './richiedi-annullamento.dto.js';

/** Asks ANAC to annul a perfected CIG (the RUP's reasons and identity document). */
export class RichiediAnnullamentoCig extends Command<{ cig: string; stato: StatoCig; annullamento: CigEsistente['annullamento']; posizione: Position | undefined }> {
  constructor(
    readonly codice: string,
    readonly dati: AnnullamentoDto,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
