import { Query } from '@nestjs/cqrs';
import type { StatoRicostruzione } from '#read-models';

/** One rebuildable projection: where it is, whether it runs here and has caught up, its last rebuild on this instance. */
export interface Proiezione {
  readonly nome: string;
  readonly posizione: string | null;
  readonly attiva: boolean;
  readonly allineata: boolean;
  readonly ricostruzione: StatoRicostruzione | null;
}

/** The rebuildable projections (`GET /admin/projections`). */
export class ElencaProiezioni extends Query<Proiezione[]> {}

/** The progress of the last rebuild of `nome` started on this instance (`GET /admin/projections/:name/rebuild`). */
export class AvanzamentoRicostruzione extends Query<StatoRicostruzione> {
  constructor(readonly nome: string) {
    super();
  }
}
