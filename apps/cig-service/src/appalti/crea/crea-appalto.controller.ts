import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { CreaAppalto } from './crea-appalto.command.js';
import { CreaAppaltoDto } from './crea-appalto.dto.js';

/** The CIG request of manuale START Richiedi CIG on PCP: the draft. */
@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class CreaAppaltoController {
  constructor(private readonly comandi: CommandBus) {}

  @Post()
  @Permesso('appalto.crea')
  @ApiOperation({ summary: 'Crea una richiesta di CIG in bozza (CdC, RUP, dati di gara)' })
  crea(@Body() body: CreaAppaltoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new CreaAppalto(body, attore, meta));
  }
}
