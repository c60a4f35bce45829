import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe, type Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { PubblicaAppalto } from './pubblica.command.js';

const UUID = new UuidPipe();

@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class PubblicaAppaltoController {
  constructor(private readonly comandi: CommandBus) {}

  @Post(':id/pubblica')
  @Permesso('appalto.pubblica')
  @HttpCode(202)
  @ApiOperation({ summary: "Chiede la pubblicazione dell'avviso (procedure aperte, ristrette, negoziate)" })
  pubblica(@Param('id', UUID) id: string, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new PubblicaAppalto(id, attore, meta));
  }
}
