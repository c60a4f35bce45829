import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Position } from '#event-store';
import { AnagraficaService } from '../anagrafica.service.js';
import { RegistraInAnagrafica } from './registra.command.js';

/** Loads the directory once, lets its decider decide, appends (administrators only: the route's permission). */
@CommandHandler(RegistraInAnagrafica)
export class RegistraInAnagraficaHandler implements ICommandHandler<RegistraInAnagrafica> {
  constructor(private readonly anagrafica: AnagraficaService) {}

  execute({ registrazione, meta }: RegistraInAnagrafica): Promise<Position | undefined> {
    return this.anagrafica.esegui(registrazione, meta);
  }
}
