import { Command } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { NuovaSottoscrizione, WebhookService } from '../webhook.service.js';

/** Registers a subscription: address, signing secret, events, maybe one office only (`POST /webhook/sottoscrizioni`). */
export class Sottoscrivi extends Command<Awaited<ReturnType<WebhookService['crea']>>> {
  constructor(
    readonly dati: NuovaSottoscrizione,
    readonly attore: Attore,
  ) {
    super();
  }
}
