import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Attore } from '#platform';
import { scriviFlusso } from '../../http/flusso.js';
import { dichiaraConsistenza } from '../../http/read-your-writes.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { ParametriDiRicerca } from '../../http/parametri-di-ricerca.js';
import { EsportaCsv } from './esporta-csv.query.js';

/** ESPORTA CSV of the listing: the same rows and filters, streamed. Routed before `GET /cig/:cig`. */
@ApiTags('cig')
@ApiBearerAuth()
@Controller('cig')
export class EsportaCsvController {
  constructor(private readonly query: QueryBus) {}

  @Get('export.csv')
  @Permesso('cig.leggi')
  @ApiOperation({ summary: 'ESPORTA CSV: le righe della lista con gli stessi filtri (separatore ;, date GG/MM/AAAA, decimali con la virgola, UTF-8 con BOM)' })
  @ApiProduces('text/csv')
  @ParametriDiRicerca()
  async esporta(@AttoreCorrente() attore: Attore, @Query() parametri: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const { righe, consistenza } = await this.query.execute(new EsportaCsv(parametri, attore));
    dichiaraConsistenza(res, consistenza);
    res.status(200).type('text/csv; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="cig.csv"');
    await scriviFlusso(res, righe);
  }
}
