import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe, type Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { CollegaProcedura } from './collega-procedura.command.js';
import { CollegaProceduraDto } from './collega-procedura.dto.js';

const UUID = new UuidPipe();

@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class CollegaProceduraController {
  constructor(private readonly comandi: CommandBus) {}

  @Post(':id/procedura')
  @Permesso('appalto.modifica')
  @ApiOperation({ summary: 'Collega la richiesta alla procedura della piattaforma (flusso "CIG prima")' })
  collega(@Param('id', UUID) id: string, @Body() body: CollegaProceduraDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new CollegaProcedura(id, body.idProcedura, attore, meta));
  }
}
