import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Attore } from '#platform';
import { dichiaraConsistenza } from '../../http/read-your-writes.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { DettaglioCarnet, ElencoCarnet, PdfCarnet, TrasmissioniCarnet } from './consulta.queries.js';
import { CarnetDto, CarnetInElencoDto } from './carnet.dto.js';

/** The carnets as read: the list and the detail wait for the `carnet` projection when given `?attendi=` (read-your-writes). */
@ApiTags('carnet')
@ApiBearerAuth()
@Controller('carnet')
export class ConsultaCarnetController {
  constructor(private readonly query: QueryBus) {}

  @Get()
  @Permesso('carnet.leggi')
  @ApiOkResponse({ type: [CarnetInElencoDto] })
  @ApiOperation({ summary: 'Lista CARNET: numero, data creazione, data scadenza, dimensione, stato' })
  @ApiQuery({ name: 'attendi', required: false, description: 'posizione restituita da un comando (read-your-writes)' })
  async elenco(@AttoreCorrente() attore: Attore, @Query('attendi') attendi: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { righe, consistenza } = await this.query.execute(new ElencoCarnet(attore, attendi));
    dichiaraConsistenza(res, consistenza);
    return righe;
  }

  @Get(':numero')
  @Permesso('carnet.leggi')
  @ApiOkResponse({ type: CarnetDto })
  @ApiOperation({ summary: 'Dettaglio CARNET (conteggi e CIG con oggetto e stato); con suffisso .pdf il documento PDF' })
  @ApiQuery({ name: 'attendi', required: false, description: 'posizione restituita da un comando (read-your-writes)' })
  async dettaglio(@Param('numero') param: string, @AttoreCorrente() attore: Attore, @Query('attendi') attendi: string | undefined, @Res({ passthrough: true }) res: Response) {
    if (param.toLowerCase().endsWith('.pdf')) {
      const { nomeFile, pdf } = await this.query.execute(new PdfCarnet(param.slice(0, -4), attore));
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', `inline; filename="${nomeFile}"`);
      res.send(pdf);
      return undefined;
    }
    const { carnet, consistenza } = await this.query.execute(new DettaglioCarnet(param, attore, attendi));
    dichiaraConsistenza(res, consistenza);
    return carnet;
  }

  @Get(':numero/trasmissioni')
  @Permesso('carnet.leggi')
  @ApiOperation({ summary: 'LOG TRASMISSIONI del carnet con SmartCIG' })
  trasmissioni(@Param('numero') numero: string, @AttoreCorrente() attore: Attore) {
    return this.query.execute(new TrasmissioniCarnet(numero, attore));
  }
}
