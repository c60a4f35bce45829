import { Controller, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { nonValido } from '#domain';
import { ProblemException, problem, type AppConfig, type Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { APP_CONFIG } from '../../infrastructure/tokens.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { ImportaCigAnac } from './importa-cig-anac.command.js';

const UFFICIO = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Import of ANAC's open data `cig` dataset (CSV, `;`, quoted, header row). The body is read as a
 * stream, never whole, up to IMPORT_MAX_MB (413 beyond), and handed to the command as it comes.
 */
@ApiTags('amministrazione')
@ApiBearerAuth()
@Controller('admin/import')
export class ImportController {
  constructor(private readonly comandi: CommandBus, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

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
    const limite = this.config.IMPORT_MAX_MB * 1024 * 1024;
    const dichiarata = Number(req.headers['content-length']);
    if (Number.isFinite(dichiarata) && dichiarata > limite) throw this.troppoGrande();
    return this.comandi.execute(new ImportaCigAnac(this.corpo(req, limite), (file ?? 'upload').slice(0, 200), ufficio ?? 'OPEN-DATA-ANAC', attore, meta));
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
    return new ProblemException(problem(413, 'FILE_TROPPO_GRANDE', `Il file supera IMPORT_MAX_MB (${this.config.IMPORT_MAX_MB} MB): usare \`npm run cli -- import <file.csv>\``));
  }
}
