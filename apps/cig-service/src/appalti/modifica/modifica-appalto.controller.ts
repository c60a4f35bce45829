import { Body, Controller, Param, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe, type Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { ModificaAppalto } from './modifica-appalto.command.js';
import { ModificaAppaltoDto } from './modifica-appalto.dto.js';

@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class ModificaAppaltoController {
  constructor(private readonly comandi: CommandBus) {}

  @Patch(':id')
  @Permesso('appalto.modifica')
  @ApiOperation({ summary: 'Modifica dati di gara, RUP o centro di costo (solo in bozza o dopo un rifiuto di ANAC)' })
  modifica(@Param('id', new UuidPipe()) id: string, @Body() body: ModificaAppaltoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new ModificaAppalto(id, body, attore, meta));
  }
}
