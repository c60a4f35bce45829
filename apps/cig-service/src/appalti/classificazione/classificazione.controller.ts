import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe, type Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { ImpostaClassificazione } from './classificazione.command.js';
import { ClassificazioneDto } from './classificazione.dto.js';

const UUID = new UuidPipe();

@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class ImpostaClassificazioneController {
  constructor(private readonly comandi: CommandBus) {}

  @Put(':id/classificazione')
  @Permesso('appalto.modifica')
  @ApiOperation({ summary: 'Imposta le categorie CPV (almeno una principale di terzo livello)' })
  classificazione(@Param('id', UUID) id: string, @Body() body: ClassificazioneDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new ImpostaClassificazione(id, body.cpv, attore, meta));
  }
}
