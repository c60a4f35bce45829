import { Query } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { TrasmissioneSimog } from '../../anac-simog/trasmissioni-simog.js';

/** A SmartCIG and the data communicated. */
export class DettaglioSmartCig extends Query<object> {
  constructor(readonly codice: string, readonly attore: Attore) {
    super();
  }
}

/** LOG TRASMISSIONI of the SmartCIG (newest first). */
export class TrasmissioniSmartCig extends Query<TrasmissioneSimog[]> {
  constructor(readonly codice: string, readonly attore: Attore) {
    super();
  }
}
