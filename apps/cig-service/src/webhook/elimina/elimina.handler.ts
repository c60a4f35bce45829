import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WebhookService } from '../webhook.service.js';
import { EliminaSottoscrizione } from './elimina.command.js';

@CommandHandler(EliminaSottoscrizione)
export class EliminaSottoscrizioneHandler implements ICommandHandler<EliminaSottoscrizione> {
  constructor(private readonly webhook: WebhookService) {}

  execute({ id }: EliminaSottoscrizione) {
    return this.webhook.elimina(id);
  }
}
