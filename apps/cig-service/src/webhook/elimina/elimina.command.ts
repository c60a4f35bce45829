import { Command } from '@nestjs/cqrs';
import type { WebhookService } from '../webhook.service.js';

/** Deactivates a subscription: deliveries still waiting are cancelled, its log stays (`DELETE /webhook/sottoscrizioni/:id`). */
export class EliminaSottoscrizione extends Command<Awaited<ReturnType<WebhookService['elimina']>>> {
  constructor(readonly id: string) {
    super();
  }
}
