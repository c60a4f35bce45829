import { Command } from '@nestjs/cqrs';
import type { Position } from '#event-store';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { CreaGaraSimogDto } from './crea-gara.dto.js';

/** Creates a SIMOG gara: SIMOG assigns its number; answers the gara's id, number and log position. */
export class CreaGaraSimog extends Command<{ id: string; numeroGara: string; posizione: Position | undefined }> {
  constructor(
    readonly dati: CreaGaraSimogDto,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
