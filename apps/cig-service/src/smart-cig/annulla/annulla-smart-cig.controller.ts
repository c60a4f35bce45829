import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { AnnullaSmartCig } from './annulla-smart-cig.command.js';
import { MotivoDto } from '../../anac-simog/dati-smart-cig.dto.js';

@ApiTags('smart-cig')
@ApiBearerAuth()
@Controller('smart-cig')
export class AnnullaSmartCigController {
  constructor(private readonly comandi: CommandBus) {}

  @Post(':cig/annulla')
  @Permesso('smartcig.modifica')
  @HttpCode(200)
  @ApiOperation({ summary: 'Annulla la comunicazione' })
  annulla(@Param('cig') cig: string, @Body() body: MotivoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new AnnullaSmartCig(cig, body?.motivo, attore, meta));
  }
}
