import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { Position } from '#event-store';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import { Inject } from '@nestjs/common';
import type { AppConfig } from '#platform';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';

const POSIZIONE = /^\d{20}\/\d{20}$/;

export class PosizioneNonValida extends Error {
  readonly code = 'POSIZIONE_NON_VALIDA';
  readonly kind = 'invalid';
  constructor() {
    super('Il parametro "attendi" non è una posizione restituita da un comando');
  }
}

/**
 * Read-your-writes: a command answers with the position of its events; a query given that
 * position (`?attendi=`) waits, at most READ_WAIT_MAX_MS, until the read models it reads have
 * caught up. If they have not, it answers anyway and says so (header `X-Consistenza: parziale`).
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    private readonly consumers: ConsumerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async attendi(posizione: string | undefined, proiezioni: readonly string[], res: Response): Promise<void> {
    if (posizione === undefined || posizione === '') return;
    if (!POSIZIONE.test(posizione)) throw new PosizioneNonValida();
    const raggiunta = await this.consumers.waitForAll(posizione as Position, this.config.READ_WAIT_MAX_MS, proiezioni);
    res.setHeader('X-Consistenza', raggiunta ? 'completa' : 'parziale');
  }
}
