import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { RichiediAnnullamentoCig } from './richiedi-annullamento.command.js';
import { AnnullamentoDto } from './richiedi-annullamento.dto.js';

@ApiTags('cig')
@ApiBearerAuth()
@Controller('cig')
export class RichiediAnnullamentoCigController {
  constructor(private readonly comandi: CommandBus) {}

  @Post(':cig/annullamento')
  @Permesso('cig.annullamento')
  @HttpCode(202)
  @ApiOperation({ summary: "Chiede all'Autorità l'annullamento di un CIG perfezionato (motivazione e documento di identità del RUP)" })
  annullamento(@Param('cig') cig: string, @Body() body: AnnullamentoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new RichiediAnnullamentoCig(cig, body, attore, meta));
  }
}
