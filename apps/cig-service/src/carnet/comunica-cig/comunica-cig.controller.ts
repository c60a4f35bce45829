import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { ComunicaCigDelCarnet } from './comunica-cig.command.js';
import { DatiSmartCigDto } from '../../anac-simog/dati-smart-cig.dto.js';

@ApiTags('carnet')
@ApiBearerAuth()
@Controller('carnet')
export class ComunicaCigDelCarnetController {
  constructor(private readonly comandi: CommandBus) {}

  @Post(':numero/cig/:cig/comunica')
  @Permesso('carnet.comunica')
  @HttpCode(200)
  @ApiOperation({ summary: 'Utilizza un CIG del carnet: comunica i dati SmartCIG (dopo 30 giorni dalla scadenza: comunicazione tardiva)' })
  comunica(@Param('numero') numero: string, @Param('cig') cig: string, @Body() body: DatiSmartCigDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new ComunicaCigDelCarnet(numero, cig, body, attore, meta));
  }
}
