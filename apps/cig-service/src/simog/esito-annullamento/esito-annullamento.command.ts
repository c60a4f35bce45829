import { Command } from '@nestjs/cqrs';
import type { Position } from '#event-store';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { CigEsistente, StatoCig } from '#domain';
import type { EsitoAnnullamentoDto } from './esito-annullamento.dto.js';

/** Records ANAC's answer to the annulment request (administrators). */
export class RegistraEsitoAnnullamento extends Command<{ cig: string; stato: StatoCig; annullamento: CigEsistente['annullamento']; posizione: Position | undefined }> {
  constructor(
    readonly codice: string,
    readonly dati: EsitoAnnullamentoDto,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
