import { Query } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { TrasmissioneSimog } from '../../anac-simog/trasmissioni-simog.js';
import type { Consistenza } from '../../infrastructure/allineamento.js';

/**
 * Lista CARNET: number, creation and expiry dates, size, state (the caller's office, or all for oversight
 * roles); read once the `carnet` projection has reached `attendi` if given (read-your-writes).
 */
export class ElencoCarnet extends Query<{ righe: Record<string, unknown>[]; consistenza: Consistenza | undefined }> {
  constructor(readonly attore: Attore, readonly attendi?: string) {
    super();
  }
}

/** Dettaglio CARNET: counts and codes with their object and state (read model), once it has reached `attendi` if given. */
export class DettaglioCarnet extends Query<{ carnet: object; consistenza: Consistenza | undefined }> {
  constructor(readonly numero: string, readonly attore: Attore, readonly attendi?: string) {
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
