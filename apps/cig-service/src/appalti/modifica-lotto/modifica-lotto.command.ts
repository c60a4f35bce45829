import { Command } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { EsitoComando } from '../comandi-appalto.js';
import type { LottoDto } from '../appalto.dto.js';

/** Replaces the data of a lot. */
export class ModificaLotto extends Command<EsitoComando> {
  constructor(
    readonly appaltoId: string,
    readonly lotIdentifier: string,
    readonly dati: LottoDto,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
