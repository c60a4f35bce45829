import { Controller, Get, Query as Parametri } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permesso } from '../../security/auth.guard.js';
import { CercaCpvParametri } from './cerca-cpv.dto.js';
import { CercaCpv } from './cerca-cpv.query.js';

@ApiTags('anagrafica')
@ApiBearerAuth()
@Controller('tipologiche')
export class CercaCpvController {
  constructor(private readonly query: QueryBus) {}

  @Get('cpv')
  @Permesso('anagrafica.leggi')
  @ApiOperation({ summary: 'Cerca nell\'elenco CPV di ANAC (tipologica CPV): codice a otto cifre e descrizione, i più generali prima (scheda CLASSIFICAZIONE)' })
  cpv(@Parametri() parametri: CercaCpvParametri) {
    return this.query.execute(new CercaCpv(parametri.q, parametri.limite ?? 20));
  }
}
