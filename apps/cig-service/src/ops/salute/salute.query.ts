import { Query } from '@nestjs/cqrs';

/** `GET /health`: the process is alive (answers without touching the database). */
export class Salute extends Query<{ status: 'ok' }> {}
