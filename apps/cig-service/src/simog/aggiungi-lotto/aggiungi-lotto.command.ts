import { Command } from '@nestjs/cqrs';
import type { Position } from '#event-store';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { LottoSimogDto } from './aggiungi-lotto.dto.js';

/** Adds a lot to a SIMOG gara: SIMOG issues its CIG, to be perfected within SIMOG_GIORNI_PERFEZIONAMENTO days. */
export class AggiungiLottoSimog extends Command<{ id: string; lotIdentifier: string; cig: string; perfezionareEntro: string | undefined; posizione: Position | undefined }> {
  constructor(
    readonly garaId: string,
    readonly lotto: LottoSimogDto,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
