import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permesso } from '../../security/auth.guard.js';
import { AvanzamentoRicostruzione, ElencaProiezioni } from './elenca-proiezioni.queries.js';

/** Projections and their rebuilds (administrators: DESIGN §5 "replay and rebuild are for administrators"). */
@ApiTags('amministrazione')
@ApiBearerAuth()
@Controller('admin/projections')
export class ElencaProiezioniController {
  constructor(private readonly query: QueryBus) {}

  @Get()
  @Permesso('admin.proiezioni')
  @ApiOperation({ summary: 'Le proiezioni ricostruibili: posizione, allineamento, ultima ricostruzione su questa istanza' })
  elenco() {
    return this.query.execute(new ElencaProiezioni());
  }

  @Get(':name/rebuild')
  @Permesso('admin.proiezioni')
  @ApiOperation({ summary: "Avanzamento dell'ultima ricostruzione avviata su questa istanza (fase, eventi, eventi/s, ETA)" })
  avanzamento(@Param('name') nome: string) {
    return this.query.execute(new AvanzamentoRicostruzione(nome));
  }
}
