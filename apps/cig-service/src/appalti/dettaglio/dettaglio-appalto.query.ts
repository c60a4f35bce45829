import { Query } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { vistaAppalto } from './vista-appalto.js';

/** The request, from its events: state, lots and CIGs, wait for ANAC, ANAC's errors. */
export class DettaglioAppalto extends Query<ReturnType<typeof vistaAppalto>> {
  constructor(
    readonly appaltoId: string,
    readonly attore: Attore,
  ) {
    super();
  }
}
