import { Command } from '@nestjs/cqrs';
import type { StatoRicostruzione } from '#read-models';

/** Rebuilds a projection from position 0 into shadow tables, swapped in once caught up (`POST /admin/projections/:name/rebuild`). */
export class RicostruisciProiezione extends Command<StatoRicostruzione & { stato: string }> {
  constructor(readonly nome: string) {
    super();
  }
}
