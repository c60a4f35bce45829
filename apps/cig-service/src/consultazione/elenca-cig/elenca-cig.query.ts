import { Query } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { paginaListing } from '#read-models';
import type { Consistenza } from '../../infrastructure/allineamento.js';

/** A page of the START listing (one row per lot/CIG) with any filter of PARAMETRI DI RICERCA, as the caller may see it (`GET /cig`). */
export class ElencaCig extends Query<{ pagina: Awaited<ReturnType<typeof paginaListing>>; consistenza: Consistenza | undefined }> {
  constructor(
    readonly parametri: Readonly<Record<string, unknown>>,
    readonly attore: Attore,
  ) {
    super();
  }
}
