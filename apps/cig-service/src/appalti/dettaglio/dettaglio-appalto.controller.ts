import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe, type Attore } from '#platform';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { DettaglioAppalto } from './dettaglio-appalto.query.js';

@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class DettaglioAppaltoController {
  constructor(private readonly query: QueryBus) {}

  @Get(':id')
  @Permesso('appalto.leggi')
  @ApiOperation({ summary: 'La richiesta, dai suoi eventi: stato, lotti e CIG, attesa di ANAC, errori di ANAC, azioni consentite ora al chiamante' })
  dettaglio(@Param('id', new UuidPipe()) id: string, @AttoreCorrente() attore: Attore) {
    return this.query.execute(new DettaglioAppalto(id, attore));
  }
}
