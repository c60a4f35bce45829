import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { Allineamento } from '../../infrastructure/allineamento.js';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { ComandiAppalto } from '../comandi-appalto.js';
import { TrasmissioniAppalto } from './trasmissioni-appalto.query.js';

/** Authorized first (on the appalto's stream), then the wait for `attendi`, then the log is read. */
@QueryHandler(TrasmissioniAppalto)
export class TrasmissioniAppaltoHandler implements IQueryHandler<TrasmissioniAppalto> {
  constructor(
    private readonly appalti: ComandiAppalto,
    private readonly allineamento: Allineamento,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  async execute({ appaltoId, attore, attendi }: TrasmissioniAppalto) {
    await this.appalti.carica(appaltoId, attore, 'appalto.leggi');
    const consistenza = await this.allineamento.attendi(attendi, ['trasmissioni']);
    const { rows } = await this.pool.query(
      `SELECT il AS "dataTrasmissione", contesto, esito AS messaggio, descrizione, operazione, http_status AS "httpStatus", request_id AS "requestId",
              durata_ms AS "durataMs", tentativo, per_conto_di AS "perContoDi", message_id AS "messageId", transaction_id AS "transactionId",
              errori, richiesta, risposta
         FROM rm_trasmissioni WHERE appalto_id = $1 ORDER BY il DESC, posizione DESC`,
      [appaltoId],
    );
    return { righe: rows as Array<Record<string, unknown>>, consistenza };
  }
}
