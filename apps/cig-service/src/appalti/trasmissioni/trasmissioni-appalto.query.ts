import { Query } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { Consistenza } from '../../infrastructure/allineamento.js';

/**
 * LOG TRASMISSIONI: every exchange with ANAC for one request, newest first; read once the
 * transmissions projection has reached `attendi` if given (read-your-writes).
 */
export class TrasmissioniAppalto extends Query<{ righe: Array<Record<string, unknown>>; consistenza: Consistenza | undefined }> {
  constructor(
    readonly appaltoId: string,
    readonly attore: Attore,
    /** Position returned by a command (`?attendi=`). */
    readonly attendi?: string,
  ) {
    super();
  }
}
