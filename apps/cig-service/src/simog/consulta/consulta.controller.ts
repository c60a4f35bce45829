import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe, type Attore } from '#platform';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { DettaglioCigSimog, DettaglioGaraSimog, TrasmissioniGaraSimog } from './consulta.queries.js';

const UUID = new UuidPipe();

@ApiTags('simog')
@ApiBearerAuth()
@Controller('simog')
export class ConsultaSimogController {
  constructor(private readonly query: QueryBus) {}

  @Get('gare/:id')
  @Permesso('simog.gara.leggi')
  @ApiOperation({ summary: 'La gara, i lotti e lo stato dei loro CIG' })
  dettaglio(@Param('id', UUID) id: string, @AttoreCorrente() attore: Attore) {
    return this.query.execute(new DettaglioGaraSimog(id, attore));
  }

  @Get('gare/:id/trasmissioni')
  @Permesso('simog.gara.leggi')
  @ApiOperation({ summary: 'LOG TRASMISSIONI della gara con SIMOG' })
  trasmissioni(@Param('id', UUID) id: string, @AttoreCorrente() attore: Attore) {
    return this.query.execute(new TrasmissioniGaraSimog(id, attore));
  }

  @Get('cig/:cig')
  @Permesso('cig.leggi')
  @ApiOperation({ summary: 'Un CIG SIMOG, SmartCIG, registrato a mano o importato, dai suoi eventi' })
  cig(@Param('cig') cig: string, @AttoreCorrente() attore: Attore) {
    return this.query.execute(new DettaglioCigSimog(cig, attore));
  }
}
