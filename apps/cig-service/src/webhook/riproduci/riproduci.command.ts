import { Command } from '@nestjs/cqrs';
import type { WebhookService } from '../webhook.service.js';

/** Queues again, marked as redeliveries, the events after a position of the log (`POST /webhook/sottoscrizioni/:id/riproduci`). */
export class RiproduciEventi extends Command<Awaited<ReturnType<WebhookService['riproduci']>>> {
  constructor(
    readonly id: string,
    readonly dallaPosizione: string,
  ) {
    super();
  }
}
