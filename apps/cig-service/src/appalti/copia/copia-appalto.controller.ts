import { Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe, type Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { CopiaAppalto } from './copia-appalto.command.js';

@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class CopiaAppaltoController {
  constructor(private readonly comandi: CommandBus) {}

  @Post(':id/copia')
  @Permesso('appalto.copia')
  @ApiOperation({ summary: 'Copia la richiesta in una nuova bozza (manuale START Richiedi CIG)' })
  copia(@Param('id', new UuidPipe()) id: string, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new CopiaAppalto(id, attore, meta));
  }
}
