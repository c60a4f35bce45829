import { Command } from '@nestjs/cqrs';
import type { DatiSmartCig, StatoCig } from '#domain';
import type { Position } from '#event-store';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';

/** Changes the data communicated for a SmartCIG. */
export class ModificaSmartCig extends Command<{ cig: string; stato: StatoCig; posizione: Position | undefined }> {
  constructor(
    readonly codice: string,
    readonly dati: DatiSmartCig,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
