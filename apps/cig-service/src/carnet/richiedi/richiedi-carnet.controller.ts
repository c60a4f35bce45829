import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { RichiediCarnet } from './richiedi-carnet.command.js';
import { RichiediCarnetDto } from './richiedi-carnet.dto.js';

/**
 * Carnets of SmartCIG (nota SMART CIG 2011, "gestione carnet di smart cig"). `:numero` is `CARNET/0000555`
 * URL-encoded, or `CARNET-0000555`, or `0000555`; `GET /carnet/:numero.pdf` is the PDF.
 */
@ApiTags('carnet')
@ApiBearerAuth()
@Controller('carnet')
export class RichiediCarnetController {
  constructor(private readonly comandi: CommandBus) {}

  @Post()
  @Permesso('carnet.richiedi')
  @ApiOperation({ summary: 'Richiedi nuovo carnet: 50 SmartCIG utilizzabili subito, validi 90 giorni (massimo 2 attivi per RUP e CdC)' })
  richiedi(@Body() body: RichiediCarnetDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new RichiediCarnet(body, attore, meta));
  }
}
