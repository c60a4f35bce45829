import { Command } from '@nestjs/cqrs';
import type { StatoCig } from '#domain';
import type { Position } from '#event-store';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { RichiediSmartCigDto } from './richiedi-smart-cig.dto.js';

/** "Conferma ed ottieni CIG": a SmartCIG with the minimal data, within the threshold of its case at the date. */
export class RichiediSmartCig extends Command<{ cig: string; id: string; stato: StatoCig; posizione: Position | undefined }> {
  constructor(
    readonly dati: RichiediSmartCigDto,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
