import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe, type Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { AggiungiLottoSimog } from './aggiungi-lotto.command.js';
import { LottoSimogDto } from './aggiungi-lotto.dto.js';

@ApiTags('simog')
@ApiBearerAuth()
@Controller('simog')
export class AggiungiLottoSimogController {
  constructor(private readonly comandi: CommandBus) {}

  @Post('gare/:id/lotti')
  @Permesso('simog.gara.modifica')
  @ApiOperation({ summary: 'Aggiunge un lotto: SIMOG rilascia il suo CIG, da perfezionare entro SIMOG_GIORNI_PERFEZIONAMENTO giorni' })
  lotto(@Param('id', new UuidPipe()) id: string, @Body() body: LottoSimogDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new AggiungiLottoSimog(id, body, attore, meta));
  }
}
