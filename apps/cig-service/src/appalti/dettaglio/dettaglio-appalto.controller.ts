import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({
    summary: 'La richiesta, dai suoi eventi: stato, lotti e CIG, attesa di ANAC, errori di ANAC, azioni consentite ora al chiamante',
    description:
      'Con `dopoRevisione` (la `revisione` della vista che si ha) la risposta attende, fino a `attesa` secondi, un nuovo evento della richiesta ' +
      '(i CIG assegnati, la risposta di ANAC) e risponde appena c’è; allo scadere risponde con la vista com’è. Con `attendiEsito=si` attende, ' +
      'se un’operazione presso ANAC è in corso, il suo esito. Per seguire una richiesta senza interrogarla di continuo.',
  })
  @ApiQuery({ name: 'dopoRevisione', required: false, type: Number, description: 'rispondere quando la richiesta ha una revisione maggiore di questa' })
  @ApiQuery({ name: 'attesa', required: false, type: Number, description: 'secondi di attesa, 0–25 (predefinito 20, entro REQUEST_TIMEOUT_MS); solo con dopoRevisione' })
  @ApiQuery({
    name: 'attendiEsito', required: false, enum: ['si', 'no'],
    description: 'con dopoRevisione: se un’operazione presso ANAC è in corso, attendere (entro attesa) il suo esito, i CIG o il rifiuto, e non il solo evento successivo',
  })
  dettaglio(@Param('id', new UuidPipe()) id: string, @Query() parametri: Record<string, unknown>, @AttoreCorrente() attore: Attore) {
    return this.query.execute(new DettaglioAppalto(id, attore, parametri));
  }
}
