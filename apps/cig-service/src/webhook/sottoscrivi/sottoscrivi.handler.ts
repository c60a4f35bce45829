import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WebhookService } from '../webhook.service.js';
import { Sottoscrivi } from './sottoscrivi.command.js';

@CommandHandler(Sottoscrivi)
export class SottoscriviHandler implements ICommandHandler<Sottoscrivi> {
  constructor(private readonly webhook: WebhookService) {}

  execute({ dati, attore }: Sottoscrivi) {
    return this.webhook.crea(dati, attore);
  }
}
