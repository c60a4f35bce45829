import type { Response } from 'express';
import type { Consistenza } from '../infrastructure/allineamento.js';

/**
 * Says whether the read models had caught up with `?attendi=` (header `X-Consistenza`: `completa` /
 * `parziale`; nothing when no position was asked for). The wait itself is the query handler's
 * ({@link Allineamento} in infrastructure/allineamento.ts): the controller only answers the header.
 */
export function dichiaraConsistenza(res: Response, consistenza: Consistenza | undefined): void {
  if (consistenza) res.setHeader('X-Consistenza', consistenza);
}
