import { Command } from '@nestjs/cqrs';
import type { StatoCig } from '#domain';
import type { Position } from '#event-store';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';

/** Annuls the communication of a SmartCIG. */
export class AnnullaSmartCig extends Command<{ cig: string; stato: StatoCig; posizione: Position | undefined }> {
  constructor(
    readonly codice: string,
    readonly motivo: string | undefined,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
