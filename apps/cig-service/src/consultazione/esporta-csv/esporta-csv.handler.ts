import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { prendiClient, rilasciaClient } from '#platform';
import { esportaCsv, leggiFiltriListing, type AmbitoVisibilita, type RichiestaListing } from '#read-models';
import { Allineamento } from '../../infrastructure/allineamento.js';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { ambito } from '../ambito.js';
import { EsportaCsv } from './esporta-csv.query.js';

/** Filters checked and `attendi` waited for before anything is written; the rows come from one snapshot on a client of their own. */
@QueryHandler(EsportaCsv)
export class EsportaCsvHandler implements IQueryHandler<EsportaCsv> {
  constructor(
    private readonly allineamento: Allineamento,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  async execute({ parametri, attore }: EsportaCsv) {
    const richiesta = leggiFiltriListing(parametri, { pagine: false, limiteMax: 0 });
    const consistenza = await this.allineamento.attendi(parametri.attendi as string | undefined, ['listing']);
    return { righe: righeCsv(this.pool, richiesta, ambito(attore)), consistenza };
  }
}

/** The client is taken when the first block is asked for and given back when the stream ends, however it ends. */
async function* righeCsv(pool: pg.Pool, richiesta: RichiestaListing, visibilita: AmbitoVisibilita): AsyncGenerator<string> {
  const client = await prendiClient(pool);
  try {
    yield* esportaCsv(client, richiesta, visibilita);
  } finally {
    rilasciaClient(client);
  }
}
