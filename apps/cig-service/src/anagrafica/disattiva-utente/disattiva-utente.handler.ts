import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Position } from '#event-store';
import { AnagraficaService } from '../anagrafica.service.js';
import { DisattivaUtente } from './disattiva-utente.command.js';

@CommandHandler(DisattivaUtente)
export class DisattivaUtenteHandler implements ICommandHandler<DisattivaUtente> {
  constructor(private readonly anagrafica: AnagraficaService) {}

  execute({ userId, meta }: DisattivaUtente): Promise<Position | undefined> {
    return this.anagrafica.esegui({ type: 'DisattivaUtente', userId }, meta);
  }
}
