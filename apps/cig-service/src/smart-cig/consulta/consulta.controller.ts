import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { DettaglioSmartCig, TrasmissioniSmartCig } from './consulta.queries.js';

@ApiTags('smart-cig')
@ApiBearerAuth()
@Controller('smart-cig')
export class ConsultaSmartCigController {
  constructor(private readonly query: QueryBus) {}

  @Get(':cig')
  @Permesso('smartcig.leggi')
  @ApiOperation({ summary: 'Dettaglio dello SmartCIG' })
  dettaglio(@Param('cig') cig: string, @AttoreCorrente() attore: Attore) {
    return this.query.execute(new DettaglioSmartCig(cig, attore));
  }

  @Get(':cig/trasmissioni')
  @Permesso('smartcig.leggi')
  @ApiOperation({ summary: 'LOG TRASMISSIONI dello SmartCIG' })
  trasmissioni(@Param('cig') cig: string, @AttoreCorrente() attore: Attore) {
    return this.query.execute(new TrasmissioniSmartCig(cig, attore));
  }
}
