import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WebhookService } from '../webhook.service.js';
import { RiproduciEventi } from './riproduci.command.js';

/** Reads the log after the position, up to where the outbox has arrived, and queues what the subscription wants. */
@CommandHandler(RiproduciEventi)
export class RiproduciEventiHandler implements ICommandHandler<RiproduciEventi> {
  constructor(private readonly webhook: WebhookService) {}

  execute({ id, dallaPosizione }: RiproduciEventi) {
    return this.webhook.riproduci(id, dallaPosizione);
  }
}
