import { Command } from '@nestjs/cqrs';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import type { EsitoComando } from '../comandi-appalto.js';

import type { VerificaAnac } from '#domain';

export type Segnalazione = { campo: string; messaggio: string; codice: string };

/** The outcome of a verifica: the problems grouped by section, one message per field. */
export interface EsitoVerifica extends EsitoComando {
  readonly esito: string;
  readonly sezioni: Record<string, Segnalazione[]>;
  readonly problemi: readonly unknown[];
  /** Only when ANAC was asked too: its verdict, IN_CORSO until the process manager records it. */
  readonly anac?: VerificaAnac | null;
}

/**
 * Checks the request's data against the rules ANAC applies (recorded, so the listing shows the
 * outcome); with `anac`, ANAC verifies it too (verifica-appalto, carried out by the process manager).
 */
export class VerificaAppalto extends Command<EsitoVerifica> {
  constructor(
    readonly appaltoId: string,
    readonly attore: Attore,
    readonly meta: CommandMeta,
    readonly anac = false,
  ) {
    super();
  }
}
