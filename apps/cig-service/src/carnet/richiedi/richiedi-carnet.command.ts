import { Command } from '@nestjs/cqrs';
import type { Position } from '#event-store';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { Carnets } from '../carnets.js';
import type { RichiediCarnetDto } from './richiedi-carnet.dto.js';

/** "Richiedi nuovo" carnet: 50 SmartCIGs usable at once, valid 90 days (at most 2 active per RUP and CdC). */
export class RichiediCarnet extends Command<ReturnType<Carnets['vista']> & { posizione: Position | undefined }> {
  constructor(
    readonly dati: RichiediCarnetDto,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
