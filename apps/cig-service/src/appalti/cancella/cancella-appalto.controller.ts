import { Body, Controller, Delete, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe, type Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { CancellaAppalto } from './cancella-appalto.command.js';
import { CancellaAppaltoDto } from './cancella-appalto.dto.js';

@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class CancellaAppaltoController {
  constructor(private readonly comandi: CommandBus) {}

  @Delete(':id')
  @Permesso('appalto.cancella')
  @ApiOperation({ summary: "Cancella la richiesta (in bozza subito; se già in ANAC, tramite cancella-appalto); con la conferma ancora presso ANAC la ritira: 202, \"ritiro richiesto\" finché ANAC lo consente" })
  async cancella(@Param('id', new UuidPipe()) id: string, @Body() body: CancellaAppaltoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    const esito = await this.comandi.execute(new CancellaAppalto(id, body.motivo, attore, meta));
    res.status(esito.stato === 'CANC' ? 200 : 202);
    return esito;
  }
}
