import { Command } from '@nestjs/cqrs';
import type { Position } from '#event-store';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { UtilizzaCigDto } from './utilizza-cig.dto.js';

/** Links a CIG to the procedure or contract it identifies ("CIG utilizzato"); answers the code and the log position. */
export class UtilizzaCig extends Command<{ cig: string; posizione: Position | undefined }> {
  constructor(
    readonly codice: string,
    readonly collegamento: UtilizzaCigDto,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
