import { Command } from '@nestjs/cqrs';
import type { AnagraficaCommand } from '#domain';
import type { Position } from '#event-store';
import type { CommandMeta } from '../../infrastructure/command-meta.js';

type Registrazione = Extract<AnagraficaCommand, { type: 'RegistraStazioneAppaltante' | 'RegistraCentroDiCosto' | 'RegistraUfficio' | 'RegistraUtente' }>;

/** Registers a stazione appaltante, a centro di costo, an ufficio or a user in the directory; answers the log position. */
export class RegistraInAnagrafica extends Command<Position | undefined> {
  constructor(
    readonly registrazione: Registrazione,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
