import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UuidPipe, type Attore } from '#platform';
import { ReadYourWrites } from '../../http/read-your-writes.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { TrasmissioniAppalto } from './trasmissioni-appalto.query.js';

@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class TrasmissioniAppaltoController {
  constructor(
    private readonly query: QueryBus,
    private readonly ryw: ReadYourWrites,
  ) {}

  @Get(':id/trasmissioni')
  @Permesso('appalto.leggi')
  @ApiOperation({ summary: 'LOG TRASMISSIONI: ogni scambio con ANAC, con esito e descrizione' })
  @ApiQuery({ name: 'attendi', required: false, description: 'posizione restituita da un comando (read-your-writes)' })
  async trasmissioni(@Param('id', new UuidPipe()) id: string, @AttoreCorrente() attore: Attore, @Query('attendi') attendi: string | undefined, @Res({ passthrough: true }) res: Response) {
    // Authorized first, then the transmissions projection catches up (read-your-writes), then the log is read.
    return this.query.execute(new TrasmissioniAppalto(id, attore, () => this.ryw.attendi(attendi, ['trasmissioni'], res)));
  }
}
