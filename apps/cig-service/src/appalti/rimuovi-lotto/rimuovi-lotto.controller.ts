import { Controller, Delete, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe, type Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { RimuoviLotto } from './rimuovi-lotto.command.js';

const UUID = new UuidPipe();

@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class RimuoviLottoController {
  constructor(private readonly comandi: CommandBus) {}

  @Delete(':id/lotti/:lotIdentifier')
  @Permesso('appalto.modifica')
  @ApiOperation({ summary: 'Rimuove un lotto' })
  rimuoviLotto(@Param('id', UUID) id: string, @Param('lotIdentifier') lotIdentifier: string, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new RimuoviLotto(id, lotIdentifier, attore, meta));
  }
}
