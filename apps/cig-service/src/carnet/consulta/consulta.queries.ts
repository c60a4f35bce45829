import { Query } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { TrasmissioneSimog } from '../../anac-simog/trasmissioni-simog.js';

/** Lista CARNET: number, creation and expiry dates, size, state (the caller's office, or all for oversight roles). */
export class ElencoCarnet extends Query<Record<string, unknown>[]> {
  constructor(readonly attore: Attore) {
    super();
  }
}

/** Dettaglio CARNET: counts and codes with their object and state (read model). */
export class DettaglioCarnet extends Query<object> {
  constructor(readonly numero: string, readonly attore: Attore) {
    super();
  }
}

/** The carnet's PDF, from its stream. */
export class PdfCarnet extends Query<{ nomeFile: string; pdf: Buffer }> {
  constructor(readonly numero: string, readonly attore: Attore) {
    super();
  }
}

/** LOG TRASMISSIONI of the carnet with SmartCIG (newest first). */
export class TrasmissioniCarnet extends Query<TrasmissioneSimog[]> {
  constructor(readonly numero: string, readonly attore: Attore) {
    super();
  }
}
