import { Query } from '@nestjs/cqrs';
import type { Attore } from '#platform';

/**
 * History of a CIG "as of" an instant (`GET /cig/:cig/storia`): its events and those of its lot, with
 * effective and recorded dates, and the state at that instant; with `prove=true`, the inclusion
 * proofs of its events in the audit trail.
 */
export class StoriaCig extends Query<object> {
  constructor(
    readonly codice: string,
    readonly parametri: Readonly<Record<string, unknown>>,
    readonly attore: Attore,
  ) {
    super();
  }
}
