import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe, type Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { LottoDto } from '../appalto.dto.js';
import { AggiungiLotto } from './aggiungi-lotto.command.js';

@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class AggiungiLottoController {
  constructor(private readonly comandi: CommandBus) {}

  @Post(':id/lotti')
  @Permesso('appalto.modifica')
  @ApiOperation({ summary: 'Aggiunge un lotto (un CIG per lotto)' })
  aggiungiLotto(@Param('id', new UuidPipe()) id: string, @Body() body: LottoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new AggiungiLotto(id, body, attore, meta));
  }
}
