import { Query } from '@nestjs/cqrs';
import type { paginaAudit } from '#read-models';
import type { Consistenza } from '../../infrastructure/allineamento.js';

/** A page of the audit trail with its filters (`GET /audit`), read once the trail has reached `attendi` if given. */
export class ConsultaRegistro extends Query<{ pagina: Awaited<ReturnType<typeof paginaAudit>>; consistenza: Consistenza | undefined }> {
  constructor(readonly parametri: Readonly<Record<string, unknown>>) {
    super();
  }
}
