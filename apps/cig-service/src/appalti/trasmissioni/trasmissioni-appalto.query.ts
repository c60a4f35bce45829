import { Query } from '@nestjs/cqrs';
import type { Attore } from '#platform';

/** LOG TRASMISSIONI: every exchange with ANAC for one request, newest first. */
export class TrasmissioniAppalto extends Query<Array<Record<string, unknown>>> {
  constructor(
    readonly appaltoId: string,
    readonly attore: Attore,
    /** Run once the caller may read the request, before the log is read (the wait for read-your-writes). */
    readonly primaDiLeggere: () => Promise<void> = async () => undefined,
  ) {
    super();
  }
}
