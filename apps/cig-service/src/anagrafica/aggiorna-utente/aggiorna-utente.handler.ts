import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Position } from '#event-store';
import { AnagraficaService } from '../anagrafica.service.js';
import { AggiornaUtente } from './aggiorna-utente.command.js';

@CommandHandler(AggiornaUtente)
export class AggiornaUtenteHandler implements ICommandHandler<AggiornaUtente> {
  constructor(private readonly anagrafica: AnagraficaService) {}

  execute({ userId, profilo, meta }: AggiornaUtente): Promise<Position | undefined> {
    const { ufficio, centriDiCosto, ruoli } = profilo;
    return this.anagrafica.esegui({ type: 'AggiornaUtente', userId, ufficio, centriDiCosto, ruoli }, meta);
  }
}
