import { Query } from '@nestjs/cqrs';
import type { FiltroConsegne, WebhookService } from '../webhook.service.js';

/** The subscriptions, never with their secret (`GET /webhook/sottoscrizioni`). */
export class ElencaSottoscrizioni extends Query<Awaited<ReturnType<WebhookService['elenco']>>> {}

/** A subscription's delivery log, newest first, with every attempt (`GET /webhook/sottoscrizioni/:id/consegne`). */
export class RegistroConsegne extends Query<Awaited<ReturnType<WebhookService['consegne']>>> {
  constructor(
    readonly id: string,
    readonly filtro: FiltroConsegne,
  ) {
    super();
  }
}
