import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { RegistraEsitoAnnullamento } from './esito-annullamento.command.js';
import { EsitoAnnullamentoDto } from './esito-annullamento.dto.js';

@ApiTags('cig')
@ApiBearerAuth()
@Controller('cig')
export class RegistraEsitoAnnullamentoController {
  constructor(private readonly comandi: CommandBus) {}

  @Post(':cig/annullamento/esito')
  @Permesso('cig.annullamento.esito')
  @HttpCode(200)
  @ApiOperation({ summary: "Registra la risposta dell'Autorità alla richiesta di annullamento (amministratori)" })
  esito(@Param('cig') cig: string, @Body() body: EsitoAnnullamentoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new RegistraEsitoAnnullamento(cig, body, attore, meta));
  }
}
