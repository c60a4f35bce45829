import { Query } from '@nestjs/cqrs';
import type { Attore } from '#platform';

/** One CIG of any regime (PCP, SIMOG, SmartCIG single or of a carnet, registered by hand or imported), from its events. */
export class DettaglioCig extends Query<object | undefined> {
  constructor(
    readonly codice: string,
    readonly attore: Attore,
  ) {
    super();
  }
}
