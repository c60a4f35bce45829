import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { validaCig } from '#anac';
import { problem, ProblemException } from '#platform';
import { documentoConsistenza, documentoInclusione, LettoreParametri, ProvaNonDisponibile } from '#read-models';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { ProvaConsistenza, ProvaInclusione } from './prove.queries.js';

@QueryHandler(ProvaConsistenza)
export class ProvaConsistenzaHandler implements IQueryHandler<ProvaConsistenza> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute({ parametri }: ProvaConsistenza) {
    const p = new LettoreParametri(parametri, ['da', 'a'], 'audit');
    const da = p.intero('da', 1, 999_999_999);
    const a = p.intero('a', 1, 999_999_999);
    if (da === undefined && !p.dati().has('da')) p.errore('da', 'obbligatorio', 'OBBLIGATORIO');
    if (da !== undefined && a !== undefined && da > a) p.errore('da', 'non può superare a', 'INTERVALLO_NON_VALIDO');
    p.verifica();
    return prova(() => documentoConsistenza(this.pool, da!, a));
  }
}

@QueryHandler(ProvaInclusione)
export class ProvaInclusioneHandler implements IQueryHandler<ProvaInclusione> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute({ parametri }: ProvaInclusione) {
    const p = new LettoreParametri(parametri, ['seq', 'cig', 'dimensione'], 'audit');
    const dimensione = p.intero('dimensione', 1, 999_999_999);
    const testoSeq = p.dati().get('seq');
    let seq: number[] | undefined;
    if (testoSeq !== undefined) {
      const voci = testoSeq.split(',').map((x) => x.trim());
      if (voci.length > 100 || !voci.every((v) => /^\d{1,12}$/.test(v) && Number(v) >= 1)) p.errore('seq', 'da 1 a 100 numeri di record (interi da 1) separati da virgola', 'INTERO_NON_VALIDO');
      else seq = [...new Set(voci.map(Number))];
    }
    let cig: string | undefined;
    const testoCig = p.dati().get('cig');
    if (testoCig !== undefined) {
      const valido = validaCig(testoCig);
      if (valido.valido) cig = valido.codice;
      else p.errore('cig', `codice CIG non valido: ${valido.motivo}`, 'CIG_NON_VALIDO');
    }
    if (testoSeq === undefined && testoCig === undefined) p.errore('seq', 'obbligatorio: seq o cig', 'OBBLIGATORIO');
    if (testoSeq !== undefined && testoCig !== undefined) p.errore('cig', 'indicare seq oppure cig, non entrambi', 'PARAMETRI_ALTERNATIVI');
    p.verifica();
    return prova(() => documentoInclusione(this.pool, { seq, cig, dimensione }));
  }
}

/** A proof the trail cannot give yet (no signed head, a size it does not have) is a problem with the library's status and code. */
async function prova<T>(calcolo: () => Promise<T>): Promise<T> {
  try {
    return await calcolo();
  } catch (error) {
    if (error instanceof ProvaNonDisponibile) throw new ProblemException(problem(error.status, error.codice, error.message));
    throw error;
  }
}
