import { Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { nonTrovato } from '#domain';
import type { AppConfig } from '#platform';
import { LettoreParametri } from '#read-models';
import { APP_CONFIG } from '../../infrastructure/tokens.js';
import type { VerificaAudit } from '../verifica-audit.js';
import { VerificheAudit } from '../verifiche-audit.service.js';
import { AvviaVerifica, VerificaAvviata } from './verifica.messaggi.js';

@CommandHandler(AvviaVerifica)
export class AvviaVerificaHandler implements ICommandHandler<AvviaVerifica> {
  constructor(
    private readonly verifiche: VerificheAudit,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ parametri, avviataDa }: AvviaVerifica): Promise<VerificaAudit> {
    const p = new LettoreParametri(parametri, ['attesa'], 'audit');
    const attesa = p.intero('attesa', 0, 25);
    p.verifica();
    // The answer must leave before the request timeout (REQUEST_TIMEOUT_MS) cuts it.
    const limite = Math.max(0, Math.min(25_000, this.config.REQUEST_TIMEOUT_MS - 5_000));
    const v = await this.verifiche.avvia(avviataDa);
    return this.verifiche.attendi(v, Math.min(attesa === undefined ? 20_000 : attesa * 1000, limite));
  }
}

@QueryHandler(VerificaAvviata)
export class VerificaAvviataHandler implements IQueryHandler<VerificaAvviata> {
  constructor(private readonly verifiche: VerificheAudit) {}

  async execute({ id }: VerificaAvviata): Promise<VerificaAudit> {
    const v = await this.verifiche.trova(id);
    if (!v) throw nonTrovato('VERIFICA_NON_TROVATA', `Verifica ${id} sconosciuta: si conservano le ultime 100; avviarne un'altra con GET /audit/verifica`);
    return v;
  }
}
