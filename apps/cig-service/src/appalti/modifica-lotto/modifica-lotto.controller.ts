import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe, type Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { LottoDto } from '../appalto.dto.js';
import { ModificaLotto } from './modifica-lotto.command.js';

@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class ModificaLottoController {
  constructor(private readonly comandi: CommandBus) {}

  @Put(':id/lotti/:lotIdentifier')
  @Permesso('appalto.modifica')
  @ApiOperation({ summary: 'Sostituisce i dati di un lotto' })
  modificaLotto(@Param('id', new UuidPipe()) id: string, @Param('lotIdentifier') lotIdentifier: string, @Body() body: LottoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new ModificaLotto(id, lotIdentifier, body, attore, meta));
  }
}
