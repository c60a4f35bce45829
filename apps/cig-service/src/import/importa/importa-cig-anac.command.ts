import { Command } from '@nestjs/cqrs';
import type { EsitoImportazione } from '#importazione';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';

/** Imports ANAC's open data `cig` dataset (CSV) read from `sorgente`, under the office `ufficio`. */
export class ImportaCigAnac extends Command<EsitoImportazione> {
  constructor(
    readonly sorgente: AsyncIterable<Uint8Array | string>,
    readonly file: string,
    readonly ufficio: string,
    readonly attore: Attore,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
