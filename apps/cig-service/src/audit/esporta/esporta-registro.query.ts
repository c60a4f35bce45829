import { Query } from '@nestjs/cqrs';

/** The trail as JSON lines (records, signed checkpoints, final checkpoint) for offline verification (`GET /audit/export`): the lines, pulled one block at a time. */
export class EsportaRegistro extends Query<AsyncGenerator<string>> {
  constructor(readonly parametri: Readonly<Record<string, unknown>>) {
    super();
  }
}
