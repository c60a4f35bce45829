import { Command } from '@nestjs/cqrs';
import type { Position } from '#event-store';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { Gara } from '../gare-simog.js';

/** Cancels a SIMOG gara, once all its lots are cancelled. */
export class CancellaGaraSimog extends Command<{ id: string; stato: Gara['stato']; posizione: Position | undefined }> {
  constructor(
    readonly garaId: string,
    readonly motivo: string | undefined,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
