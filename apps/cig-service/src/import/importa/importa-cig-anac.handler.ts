import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CsvNonValido } from '#anac';
import { importaCigAnac } from '#importazione';
import { nonValido } from '#domain';
import type { EventStore } from '#event-store';
import type pg from 'pg';
import { EVENT_STORE, PG_POOL } from '../../infrastructure/tokens.js';
import { ImportaCigAnac } from './importa-cig-anac.command.js';

/**
 * Rows with a bad CIG, bad values or malformed CSV are reported with their line and the rest goes
 * on; the same file again adds nothing and its rows are reported as already present (`giaPresenti`).
 */
@CommandHandler(ImportaCigAnac)
export class ImportaCigAnacHandler implements ICommandHandler<ImportaCigAnac> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  execute({ sorgente, file, ufficio, attore, meta }: ImportaCigAnac) {
    return importaCigAnac(this.store, sorgente, {
      file, ufficio,
      attore: { userId: attore.userId, role: attore.ruoli.join(','), ufficio: attore.ufficio, codiceFiscale: attore.codiceFiscale },
      correlationId: meta.correlationId,
      pool: this.pool,
    }).catch((error: unknown) => {
      // A file that cannot be read as ANAC's CSV (empty, a header without the `cig` column or unreadable).
      if (error instanceof CsvNonValido) {
        throw nonValido('CSV_NON_VALIDO', error.message, [{ sezione: 'dati di gara', campo: 'body', codice: 'CSV_NON_VALIDO', messaggio: error.message }]);
      }
      throw error;
    });
  }
}
