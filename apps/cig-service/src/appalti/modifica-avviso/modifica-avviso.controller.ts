import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe, type Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { ModificaAvviso } from './modifica-avviso.command.js';
import { ModificaAvvisoDto } from './modifica-avviso.dto.js';

@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class ModificaAvvisoController {
  constructor(private readonly comandi: CommandBus) {}

  @Post(':id/avviso/modifica')
  @Permesso('appalto.pubblica')
  @HttpCode(202)
  @ApiOperation({ summary: "Sostituisce l'avviso non ancora pubblicato: ANAC rigenera il CIG di ogni lotto" })
  modificaAvviso(@Param('id', new UuidPipe()) id: string, @Body() body: ModificaAvvisoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new ModificaAvviso(id, body, attore, meta));
  }
}
