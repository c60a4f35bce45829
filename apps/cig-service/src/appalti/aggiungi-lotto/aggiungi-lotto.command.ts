import { Command } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { EsitoComando } from '../comandi-appalto.js';
import type { LottoDto } from '../appalto.dto.js';

/** Adds a lot (one CIG per lot); answers the identifier the decision gave it. */
export class AggiungiLotto extends Command<EsitoComando & { lotIdentifier: string }> {
  constructor(
    readonly appaltoId: string,
    readonly dati: LottoDto,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
