import { Command } from '@nestjs/cqrs';
import type { Position } from '#event-store';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { StatoCig } from '#domain';
import type { PubblicazioneDto } from './pubblicazione.dto.js';

/** Perfects a SIMOG CIG with its publication (from 2024 only procedures published by 31/12/2023). */
export class PerfezionaCigSimog extends Command<{ cig: string; stato: StatoCig; posizione: Position | undefined }> {
  constructor(
    readonly codice: string,
    readonly dati: PubblicazioneDto,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
