import { Query } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { AzioniConsentite } from './azioni-consentite.js';
import type { vistaAppalto } from './vista-appalto.js';

/** The request's view, the revision it was read at, and the actions its reader may take on it now. */
export type VistaConAzioni = ReturnType<typeof vistaAppalto> & { readonly revisione: number; readonly azioni: AzioniConsentite };

/**
 * The request, from its events: state, lots and CIGs, wait for ANAC, ANAC's errors, the caller's
 * actions. `parametri` (the query string): `dopoRevisione` and `attesa` make it a blocking read.
 */
export class DettaglioAppalto extends Query<VistaConAzioni> {
  constructor(
    readonly appaltoId: string,
    readonly attore: Attore,
    readonly parametri: Readonly<Record<string, unknown>> = {},
  ) {
    super();
  }
}
