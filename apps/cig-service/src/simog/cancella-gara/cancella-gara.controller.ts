import { Body, Controller, Delete, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe, type Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { CancellaGaraSimog } from './cancella-gara.command.js';
import { CancellaGaraDto } from './cancella-gara.dto.js';

@ApiTags('simog')
@ApiBearerAuth()
@Controller('simog')
export class CancellaGaraSimogController {
  constructor(private readonly comandi: CommandBus) {}

  @Delete('gare/:id')
  @Permesso('simog.gara.cancella')
  @ApiOperation({ summary: 'Cancella la gara: solo quando tutti i suoi lotti sono cancellati' })
  cancella(@Param('id', new UuidPipe()) id: string, @Body() body: CancellaGaraDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new CancellaGaraSimog(id, body?.motivo, attore, meta));
  }
}
