import { Command } from '@nestjs/cqrs';
import type { Position } from '#event-store';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { StatoCig } from '#domain';
import type { CancellaCigDto } from './cancella-cig.dto.js';

/** Cancels a SIMOG CIG not perfected yet (reason 1 duplicate, 2 material error, 3 decision of the administration, 4 other with a note). */
export class CancellaCigSimog extends Command<{ cig: string; stato: StatoCig; posizione: Position | undefined }> {
  constructor(
    readonly codice: string,
    readonly dati: CancellaCigDto,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
