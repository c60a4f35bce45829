import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { WebhookService } from '../webhook.service.js';
import { ElencaSottoscrizioni, RegistroConsegne } from './consulta.queries.js';

@QueryHandler(ElencaSottoscrizioni)
export class ElencaSottoscrizioniHandler implements IQueryHandler<ElencaSottoscrizioni> {
  constructor(private readonly webhook: WebhookService) {}

  execute() {
    return this.webhook.elenco();
  }
}

@QueryHandler(RegistroConsegne)
export class RegistroConsegneHandler implements IQueryHandler<RegistroConsegne> {
  constructor(private readonly webhook: WebhookService) {}

  execute({ id, filtro }: RegistroConsegne) {
    return this.webhook.consegne(id, filtro);
  }
}
