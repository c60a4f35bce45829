import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { scriviFlusso } from '../../http/flusso.js';
import { Permesso } from '../../security/auth.guard.js';
import { EsportaRegistro } from './esporta-registro.query.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class EsportaRegistroController {
  constructor(private readonly query: QueryBus) {}

  @Get('export')
  @Permesso('audit.leggi')
  @ApiOperation({ summary: 'Esporta il registro (JSON lines: record, checkpoint firmati, checkpoint finale) per la verifica offline: cli audit verifica-export' })
  @ApiProduces('application/x-ndjson')
  @ApiQuery({ name: 'daSeq', required: false, description: 'dal record successivo a questo (predefinito: dal primo)' })
  @ApiQuery({ name: 'aSeq', required: false, description: 'fino a questo record incluso' })
  async esporta(@Query() parametri: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const righe = await this.query.execute(new EsportaRegistro(parametri));
    res.status(200).type('application/x-ndjson; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="audit.jsonl"');
    await scriviFlusso(res, righe);
  }
}
