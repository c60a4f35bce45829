import { Query } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { AzioniConsentite } from './azioni-consentite.js';
import type { vistaAppalto } from './vista-appalto.js';

/** The request's view and the actions its reader may take on it now. */
export type VistaConAzioni = ReturnType<typeof vistaAppalto> & { readonly azioni: AzioniConsentite };

/** The request, from its events: state, lots and CIGs, wait for ANAC, ANAC's errors, the caller's actions. */
export class DettaglioAppalto extends Query<VistaConAzioni> {
  constructor(
    readonly appaltoId: string,
    readonly attore: Attore,
  ) {
    super();
  }
}
