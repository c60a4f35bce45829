import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { Allineamento, type Consistenza } from '../infrastructure/allineamento.js';

/** Says whether the read models had caught up with `?attendi=` (nothing when no position was asked for). */
export function dichiaraConsistenza(res: Response, consistenza: Consistenza | undefined): void {
  if (consistenza) res.setHeader('X-Consistenza', consistenza);
}

/**
 * Read-your-writes for the controllers not yet dispatching through the QueryBus: waits as
 * {@link Allineamento} does and answers the header `X-Consistenza` (`completa` / `parziale`).
 */
@Injectable()
export class ReadYourWrites {
  constructor(private readonly allineamento: Allineamento) {}

  async attendi(posizione: string | undefined, proiezioni: readonly string[], res: Response): Promise<void> {
    dichiaraConsistenza(res, await this.allineamento.attendi(posizione, proiezioni));
  }
}
