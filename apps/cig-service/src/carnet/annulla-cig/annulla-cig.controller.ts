import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { AnnullaCigDelCarnet } from './annulla-cig.command.js';
import { MotivoDto } from '../../anac-simog/dati-smart-cig.dto.js';

@ApiTags('carnet')
@ApiBearerAuth()
@Controller('carnet')
export class AnnullaCigDelCarnetController {
  constructor(private readonly comandi: CommandBus) {}

  @Post(':numero/cig/:cig/annulla')
  @Permesso('carnet.comunica')
  @HttpCode(200)
  @ApiOperation({ summary: 'Annulla un CIG del carnet non utilizzato' })
  annulla(@Param('numero') numero: string, @Param('cig') cig: string, @Body() body: MotivoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new AnnullaCigDelCarnet(numero, cig, body?.motivo, attore, meta));
  }
}
