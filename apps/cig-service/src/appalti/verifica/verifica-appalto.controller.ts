import { Controller, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe, type Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { VerificaAppalto } from './verifica-appalto.command.js';
import { VerificaAppaltoQuery } from './verifica-appalto.dto.js';

@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class VerificaAppaltoController {
  constructor(private readonly comandi: CommandBus) {}

  @Post(':id/verifica')
  @Permesso('appalto.verifica')
  @HttpCode(200)
  @ApiOperation({ summary: "Verifica i dati: i problemi raggruppati per sezione, un messaggio per campo; con anac=true anche ANAC la verifica (esito in 'anac', poi nel dettaglio)" })
  verifica(@Param('id', new UuidPipe()) id: string, @Query() query: VerificaAppaltoQuery, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new VerificaAppalto(id, attore, meta, query.anac === 'true'));
  }
}
