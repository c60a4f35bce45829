import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { CreaGaraSimog } from './crea-gara.command.js';
import { CreaGaraSimogDto } from './crea-gara.dto.js';

/** SIMOG gare and lots (avviso AVCP-SIMOG 2011): "creare la gara e successivamente inserire i lotti". */
@ApiTags('simog')
@ApiBearerAuth()
@Controller('simog')
export class CreaGaraSimogController {
  constructor(private readonly comandi: CommandBus) {}

  @Post('gare')
  @Permesso('simog.gara.crea')
  @ApiOperation({ summary: 'Crea una gara SIMOG (fino al 31/12/2023): SIMOG assegna il numero gara' })
  crea(@Body() body: CreaGaraSimogDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new CreaGaraSimog(body, attore, meta));
  }
}
