import { Query } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { TrasmissioneSimog } from '../../anac-simog/trasmissioni-simog.js';

/** The gara, its lots and the state of their CIGs. */
export class DettaglioGaraSimog extends Query<object> {
  constructor(readonly garaId: string, readonly attore: Attore) {
    super();
  }
}

/** LOG TRASMISSIONI of the gara with SIMOG (newest first). */
export class TrasmissioniGaraSimog extends Query<TrasmissioneSimog[]> {
  constructor(readonly garaId: string, readonly attore: Attore) {
    super();
  }
}

/** A SIMOG, SmartCIG, hand-registered or imported CIG, from its events. */
export class DettaglioCigSimog extends Query<object> {
  constructor(readonly codice: string, readonly attore: Attore) {
    super();
  }
}
