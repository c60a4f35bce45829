import { Query } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { Consistenza } from '../../infrastructure/allineamento.js';

/** The listing's rows as CSV with the same filters (`GET /cig/export.csv`): blocks of text, read as the client takes them. */
export class EsportaCsv extends Query<{ righe: AsyncGenerator<string>; consistenza: Consistenza | undefined }> {
  constructor(
    readonly parametri: Readonly<Record<string, unknown>>,
    readonly attore: Attore,
  ) {
    super();
  }
}
