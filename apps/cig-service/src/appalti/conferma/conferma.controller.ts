import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe, type Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { ConfermaAppalto } from './conferma.command.js';

const UUID = new UuidPipe();

@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class ConfermaAppaltoController {
  constructor(private readonly comandi: CommandBus) {}

  @Post(':id/conferma')
  @Permesso('appalto.invia')
  @HttpCode(202)
  @ApiOperation({ summary: 'Invia la richiesta ad ANAC (asincrono): crea, conferma, esito, recupero CIG' })
  conferma(@Param('id', UUID) id: string, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new ConfermaAppalto(id, attore, meta));
  }
}
