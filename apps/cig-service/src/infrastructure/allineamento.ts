import { Inject, Injectable } from '@nestjs/common';
import type { Position } from '#event-store';
import type { AppConfig } from '#platform';
import { ConsumerRegistry } from './consumer-registry.js';
import { APP_CONFIG } from './tokens.js';

const POSIZIONE = /^\d{20}\/\d{20}$/;

export class PosizioneNonValida extends Error {
  readonly code = 'POSIZIONE_NON_VALIDA';
  readonly kind = 'invalid';
  constructor() {
    super('Il parametro "attendi" non è una posizione restituita da un comando');
  }
}

/** Whether the read models had reached the position asked for when the query read them (header `X-Consistenza`). */
export type Consistenza = 'completa' | 'parziale';

/**
 * Read-your-writes, without HTTP: a command answers with the position of its events; a query given
 * that position (`?attendi=`) waits, at most READ_WAIT_MAX_MS, until the read models it reads have
 * caught up, and then reads anyway, saying whether they had (`parziale` otherwise).
 */
@Injectable()
export class Allineamento {
  constructor(
    private readonly consumers: ConsumerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Nothing to wait for without a position; a position not given by a command is a 400. */
  async attendi(posizione: string | undefined, proiezioni: readonly string[]): Promise<Consistenza | undefined> {
    if (posizione === undefined || posizione === '') return undefined;
    if (!POSIZIONE.test(posizione)) throw new PosizioneNonValida();
    const raggiunta = await this.consumers.waitForAll(posizione as Position, this.config.READ_WAIT_MAX_MS, proiezioni);
    return raggiunta ? 'completa' : 'parziale';
  }
}
