import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import type { CommandMeta } from '../infrastructure/aggregate-store.js';
import { Comando } from '../http/request-context.js';
import { AttoreCorrente, Permesso } from '../security/auth.guard.js';
import { ModificaSmartCigDto, MotivoDto, RichiediSmartCigDto } from './regimi.dto.js';
import { SmartCigService } from './smart-cig.service.js';
import { TrasmissioniSimog } from '../anac-simog/trasmissioni-simog.js';

/** Single SmartCIGs (nota SMART CIG 2011, "gestione smart cig"). */
@ApiTags('smart-cig')
@ApiBearerAuth()
@Controller('smart-cig')
export class SmartCigController {
  constructor(private readonly smart: SmartCigService, private readonly log: TrasmissioniSimog) {}

  @Post()
  @Permesso('smartcig.richiedi')
  @ApiOperation({ summary: 'Conferma ed ottieni CIG: uno SmartCIG con i dati minimi, nella soglia della fattispecie alla data' })
  richiedi(@Body() body: RichiediSmartCigDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.smart.richiedi(body, attore, meta);
  }

  @Patch(':cig')
  @Permesso('smartcig.modifica')
  @ApiOperation({ summary: 'Modifica i dati comunicati' })
  modifica(@Param('cig') cig: string, @Body() body: ModificaSmartCigDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.smart.modifica(cig, body.dati, attore, meta);
  }

  @Post(':cig/annulla')
  @Permesso('smartcig.modifica')
  @HttpCode(200)
  @ApiOperation({ summary: 'Annulla la comunicazione' })
  annulla(@Param('cig') cig: string, @Body() body: MotivoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.smart.annulla(cig, body?.motivo, attore, meta);
  }

  @Get(':cig')
  @Permesso('smartcig.leggi')
  @ApiOperation({ summary: 'Dettaglio dello SmartCIG' })
  dettaglio(@Param('cig') cig: string, @AttoreCorrente() attore: Attore) {
    return this.smart.dettaglio(cig, attore);
  }

  @Get(':cig/trasmissioni')
  @Permesso('smartcig.leggi')
  @ApiOperation({ summary: 'LOG TRASMISSIONI dello SmartCIG' })
  async trasmissioni(@Param('cig') cig: string, @AttoreCorrente() attore: Attore) {
    const s = await this.smart.dettaglio(cig, attore);
    return this.log.elenco(s.appaltoId);
  }
}
