import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { StoriaCig } from './storia-cig.query.js';
import { StoriaCigDto } from './storia-cig.dto.js';

/** History of a CIG "as of" an instant, for auditors. */
@ApiTags('cig')
@ApiBearerAuth()
@Controller('cig')
export class StoriaCigController {
  constructor(private readonly query: QueryBus) {}

  @Get(':cig/storia')
  @Permesso('cig.leggi')
  @ApiOkResponse({ type: StoriaCigDto, description: 'La storia del CIG, evento per evento' })
  @ApiOperation({ summary: "Storia del CIG alla data: i suoi eventi (e quelli del suo lotto) con data effettiva e di registrazione, e lo stato a quell'istante" })
  @ApiQuery({ name: 'asOf', required: false, description: 'istante ISO-8601 con fuso, o un giorno (GG/MM/AAAA, AAAA-MM-GG: fino alla fine di quel giorno in Italia); omesso: adesso' })
  @ApiQuery({ name: 'base', required: false, enum: ['effettiva', 'registrazione'], description: 'quale data confrontare con asOf (predefinita: effettiva)' })
  @ApiQuery({
    name: 'prove',
    required: false,
    enum: ['true', 'false'],
    description: "true: allega le prove di inclusione RFC 9162 dei suoi eventi nel registro di audit contro l'ultima testa firmata (ruoli del registro: AUDITOR, RPCT, ADMIN); verifica offline con cli audit verifica-inclusione",
  })
  storia(@Param('cig') codice: string, @Query() parametri: Record<string, unknown>, @AttoreCorrente() attore: Attore) {
    return this.query.execute(new StoriaCig(codice, parametri, attore));
  }
}
