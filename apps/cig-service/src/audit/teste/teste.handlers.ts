import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { nonTrovato } from '#domain';
import { FORMATO_STH, LettoreParametri, testaFirmata } from '#read-models';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { PubblicazioneTeste } from '../pubblicazione-teste.service.js';
import { StatoTestimoni, TestaDelRegistro } from './teste.queries.js';

@QueryHandler(TestaDelRegistro)
export class TestaDelRegistroHandler implements IQueryHandler<TestaDelRegistro> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly pubblicazione: PubblicazioneTeste,
  ) {}

  async execute({ parametri }: TestaDelRegistro) {
    const p = new LettoreParametri(parametri, ['dimensione'], 'audit');
    const dimensione = p.intero('dimensione', 1, 999_999_999);
    p.verifica();
    const testa = await testaFirmata(this.pool, dimensione);
    if (!testa) {
      throw dimensione === undefined
        ? nonTrovato('TESTA_NON_DISPONIBILE', 'Nessuna testa firmata ancora: il registro non ne ha raggiunta una (AUDIT_STH_EVERY, AUDIT_STH_SECONDS)')
        : nonTrovato('TESTA_NON_TROVATA', `Nessuna testa firmata di dimensione ${dimensione}`);
    }
    return { formato: FORMATO_STH, ...testa, controfirme: await this.pubblicazione.controfirme(testa.dimensione) };
  }
}

@QueryHandler(StatoTestimoni)
export class StatoTestimoniHandler implements IQueryHandler<StatoTestimoni> {
  constructor(private readonly pubblicazione: PubblicazioneTeste) {}

  async execute() {
    return { testimoni: await this.pubblicazione.stato() };
  }
}
