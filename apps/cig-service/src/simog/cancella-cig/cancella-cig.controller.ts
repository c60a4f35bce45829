import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { CancellaCigSimog } from './cancella-cig.command.js';
import { CancellaCigDto } from './cancella-cig.dto.js';

@ApiTags('cig')
@ApiBearerAuth()
@Controller('cig')
export class CancellaCigSimogController {
  constructor(private readonly comandi: CommandBus) {}

  @Post(':cig/cancella')
  @Permesso('cig.cancella')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancella un CIG SIMOG non perfezionato: motivo 1 duplicato, 2 errore materiale, 3 decisione dell\'amministrazione, 4 altro con nota' })
  cancella(@Param('cig') cig: string, @Body() body: CancellaCigDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new CancellaCigSimog(cig, body, attore, meta));
  }
}
