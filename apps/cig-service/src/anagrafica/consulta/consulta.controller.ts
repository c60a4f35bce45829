import { Controller, Get, Query as Parametri } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { CercaRupParametri } from './cerca-rup.dto.js';
import { AnagraficaCompleta, CentriDiCosto, CercaRup } from './consulta.queries.js';
import { AnagraficaDto, CentroDiCostoDto, RupDto } from './anagrafica.dto.js';

@ApiTags('anagrafica')
@ApiBearerAuth()
@Controller()
export class ConsultaAnagraficaController {
  constructor(private readonly query: QueryBus) {}

  @Get('anagrafica/centri-di-costo')
  @Permesso('anagrafica.leggi')
  @ApiOkResponse({ type: [CentroDiCostoDto] })
  @ApiOperation({ summary: 'Centri di costo della stazione appaltante dell\'utente (manuale START Richiedi CIG, "Centro di costo richiedente")' })
  centriDiCosto(@AttoreCorrente() attore: Attore) {
    return this.query.execute(new CentriDiCosto(attore));
  }

  @Get('anagrafica/rup')
  @Permesso('anagrafica.leggi')
  @ApiOkResponse({ type: [RupDto] })
  @ApiOperation({ summary: 'Trova e seleziona RUP: i responsabili del centro di costo (manuale START Richiedi CIG)' })
  rup(@AttoreCorrente() attore: Attore, @Parametri() parametri: CercaRupParametri) {
    return this.query.execute(new CercaRup(attore, parametri.centroDiCosto, parametri.q));
  }

  @Get('admin/anagrafica')
  @Permesso('anagrafica.amministra')
  @ApiOkResponse({ type: AnagraficaDto })
  @ApiOperation({ summary: 'Tutta l\'anagrafica' })
  tutta() {
    return this.query.execute(new AnagraficaCompleta());
  }
}
