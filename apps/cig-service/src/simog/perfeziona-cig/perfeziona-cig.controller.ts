import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { PerfezionaCigSimog } from './perfeziona-cig.command.js';
import { PubblicazioneDto } from './pubblicazione.dto.js';

@ApiTags('cig')
@ApiBearerAuth()
@Controller('cig')
export class PerfezionaCigSimogController {
  constructor(private readonly comandi: CommandBus) {}

  @Post(':cig/perfeziona')
  @Permesso('cig.perfeziona')
  @HttpCode(200)
  @ApiOperation({ summary: 'Perfeziona un CIG SIMOG con i dati di pubblicazione (dal 2024 solo procedure pubblicate entro il 31/12/2023)' })
  perfeziona(@Param('cig') cig: string, @Body() body: PubblicazioneDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new PerfezionaCigSimog(cig, body, attore, meta));
  }
}
