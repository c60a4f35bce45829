import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { RichiediSmartCig } from './richiedi-smart-cig.command.js';
import { RichiediSmartCigDto } from './richiedi-smart-cig.dto.js';

/** Single SmartCIGs (nota SMART CIG 2011, "gestione smart cig"). */
@ApiTags('smart-cig')
@ApiBearerAuth()
@Controller('smart-cig')
export class RichiediSmartCigController {
  constructor(private readonly comandi: CommandBus) {}

  @Post()
  @Permesso('smartcig.richiedi')
  @ApiOperation({ summary: 'Conferma ed ottieni CIG: uno SmartCIG con i dati minimi, nella soglia della fattispecie alla data' })
  richiedi(@Body() body: RichiediSmartCigDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new RichiediSmartCig(body, attore, meta));
  }
}
