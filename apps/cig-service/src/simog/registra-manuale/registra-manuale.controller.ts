import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { RegistraCigManuale } from './registra-manuale.command.js';
import { RegistrazioneManualeDto } from './registra-manuale.dto.js';

/** Operations on a SIMOG CIG (DESIGN §5): perfect, cancel, ask the annulment; register one by hand. */
@ApiTags('cig')
@ApiBearerAuth()
@Controller('cig')
export class RegistraCigManualeController {
  constructor(private readonly comandi: CommandBus) {}

  @Post('registrazione-manuale')
  @Permesso('cig.registra')
  @ApiOperation({ summary: 'Registra un CIG ottenuto su SIMOG ("inserire a mano il CIG", avviso AVCP-SIMOG 2011), verificato con l\'algoritmo ANAC' })
  registra(@Body() body: RegistrazioneManualeDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new RegistraCigManuale(body, attore, meta));
  }
}
