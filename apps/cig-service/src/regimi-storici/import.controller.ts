import { Controller, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CsvNonValido, importaCigAnac } from '#anac';
import { nonValido } from '#domain';
import { ProblemException, problem, type Attore } from '#platform';
import type { CommandMeta } from '../infrastructure/aggregate-store.js';
import { Comando } from '../http/request-context.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { AttoreCorrente, Permesso } from '../security/auth.guard.js';

const UFFICIO = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Import of ANAC's open data `cig` dataset (CSV, `;`, quoted, header row). The body is read as a
 * stream, never whole, up to IMPORT_MAX_MB (413 beyond); rows with a bad CIG, bad values or
 * malformed CSV are reported with their line and the rest goes on; the same file again adds
 * nothing and its rows are reported as already present (`giaPresenti`).
 */
@ApiTags('amministrazione')
@ApiBearerAuth()
@Controller('admin/import')
export class ImportController {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  @Post()
  @Permesso('admin.import')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiOperation({ summary: 'Importa il dataset open data ANAC "cig" (CSV); solo amministratori' })
  @ApiQuery({ name: 'ufficio', required: false, description: "Ufficio a cui mostrare i CIG importati (predefinito OPEN-DATA-ANAC)" })
  @ApiQuery({ name: 'file', required: false, description: 'Nome del file, riportato negli eventi' })
  async importa(@Req() req: Request, @Query('ufficio') ufficio: string | undefined, @Query('file') file: string | undefined, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    const tipo = String(req.headers['content-type'] ?? '');
    if (!/^text\/(csv|plain)\b/i.test(tipo)) {
      throw nonValido('CONTENT_TYPE_NON_VALIDO', 'Il corpo deve essere il file CSV (Content-Type: text/csv)', [{ sezione: 'dati di gara', campo: 'Content-Type', codice: 'CONTENT_TYPE_NON_VALIDO', messaggio: 'atteso text/csv' }]);
    }
    if (ufficio !== undefined && !UFFICIO.test(ufficio)) throw nonValido('UFFICIO_NON_VALIDO', 'Codice ufficio non valido', [{ sezione: 'dati di gara', campo: 'query.ufficio', codice: 'UFFICIO_NON_VALIDO', messaggio: 'lettere, cifre, . _ -' }]);
    const limite = this.runtime.config.IMPORT_MAX_MB * 1024 * 1024;
    const dichiarata = Number(req.headers['content-length']);
    if (Number.isFinite(dichiarata) && dichiarata > limite) throw this.troppoGrande();
    return importaCigAnac(this.runtime.eventStore, this.corpo(req, limite), {
      file: (file ?? 'upload').slice(0, 200),
      ufficio: ufficio ?? 'OPEN-DATA-ANAC',
      attore: { userId: attore.userId, role: attore.ruoli.join(','), ufficio: attore.ufficio, codiceFiscale: attore.codiceFiscale },
      correlationId: meta.correlationId,
      pool: this.runtime.database.pool,
    }).catch((error: unknown) => {
      // A file that cannot be read as ANAC's CSV (empty, a header without the `cig` column or unreadable).
      if (error instanceof CsvNonValido) {
        throw nonValido('CSV_NON_VALIDO', error.message, [{ sezione: 'dati di gara', campo: 'body', codice: 'CSV_NON_VALIDO', messaggio: error.message }]);
      }
      throw error;
    });
  }

  /** The request body chunk by chunk (or the text a body parser already read), counting bytes. */
  private async *corpo(req: Request, limite: number): AsyncGenerator<Uint8Array | string> {
    if (typeof req.body === 'string') {
      yield req.body;
      return;
    }
    if (req.body !== undefined && req.readableEnded) return; // a body parser consumed an empty body
    let letti = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      letti += chunk.length;
      if (letti > limite) throw this.troppoGrande();
      yield chunk;
    }
  }

  private troppoGrande(): ProblemException {
    return new ProblemException(problem(413, 'FILE_TROPPO_GRANDE', `Il file supera IMPORT_MAX_MB (${this.runtime.config.IMPORT_MAX_MB} MB): usare \`npm run cli -- import <file.csv>\``));
  }
}
