import { Command } from '@nestjs/cqrs';
import type { StatoCig } from '#domain';
import type { Position } from '#event-store';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { RegistrazioneManualeDto } from './registra-manuale.dto.js';

/** Registers a CIG obtained on SIMOG ("inserire a mano il CIG", avviso AVCP-SIMOG 2011), checked with ANAC's algorithm. */
export class RegistraCigManuale extends Command<{ cig: string; id: string; stato: StatoCig; posizione: Position | undefined }> {
  constructor(
    readonly dati: RegistrazioneManualeDto,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
