import { Command } from '@nestjs/cqrs';
import type { Position } from '#event-store';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { ProfiloUtenteDto } from './profilo-utente.dto.js';

/** Changes a user's office, cost centres and roles; answers the log position. */
export class AggiornaUtente extends Command<Position | undefined> {
  constructor(
    readonly userId: string,
    readonly profilo: ProfiloUtenteDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
