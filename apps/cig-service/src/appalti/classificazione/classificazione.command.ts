import { Command } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { EsitoComando } from '../comandi-appalto.js';
import type { ClassificazioneDto } from './classificazione.dto.js';

/** Sets the CPV categories of an appalto being drafted. */
export class ImpostaClassificazione extends Command<EsitoComando> {
  constructor(
    readonly appaltoId: string,
    readonly cpv: ClassificazioneDto['cpv'],
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
