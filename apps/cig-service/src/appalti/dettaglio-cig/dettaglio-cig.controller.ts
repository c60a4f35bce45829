import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { DettaglioCig } from './dettaglio-cig.query.js';

/** One CIG. The listing, its CSV and a CIG's history are in consultazione/. */
@ApiTags('cig')
@ApiBearerAuth()
@Controller('cig')
export class DettaglioCigController {
  constructor(private readonly query: QueryBus) {}

  @Get(':cig')
  @Permesso('cig.leggi')
  @ApiOperation({ summary: 'Un CIG di qualsiasi regime (PCP, SIMOG, SmartCIG singolo o di un carnet, registrato a mano o importato), dai suoi eventi' })
  dettaglio(@Param('cig') codice: string, @AttoreCorrente() attore: Attore) {
    return this.query.execute(new DettaglioCig(codice, attore));
  }
}
