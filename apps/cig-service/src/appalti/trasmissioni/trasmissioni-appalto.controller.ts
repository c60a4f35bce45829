import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UuidPipe, type Attore } from '#platform';
import { dichiaraConsistenza } from '../../http/read-your-writes.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { TrasmissioniAppalto } from './trasmissioni-appalto.query.js';

@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class TrasmissioniAppaltoController {
  constructor(private readonly query: QueryBus) {}

  @Get(':id/trasmissioni')
  @Permesso('appalto.leggi')
  @ApiOperation({ summary: 'LOG TRASMISSIONI: ogni scambio con ANAC, con esito e descrizione' })
  @ApiQuery({ name: 'attendi', required: false, description: 'posizione restituita da un comando (read-your-writes)' })
  async trasmissioni(@Param('id', new UuidPipe()) id: string, @AttoreCorrente() attore: Attore, @Query('attendi') attendi: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { righe, consistenza } = await this.query.execute(new TrasmissioniAppalto(id, attore, attendi));
    dichiaraConsistenza(res, consistenza);
    return righe;
  }
}
