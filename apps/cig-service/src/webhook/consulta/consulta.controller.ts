import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permesso } from '../../security/auth.guard.js';
import { ElencaSottoscrizioni, RegistroConsegne } from './consulta.queries.js';
import { RegistroConsegneQuery } from './registro-consegne.dto.js';

@ApiTags('webhook')
@ApiBearerAuth()
@Controller('webhook/sottoscrizioni')
export class ConsultaWebhookController {
  constructor(private readonly query: QueryBus) {}

  @Get()
  @Permesso('admin.webhook')
  @ApiOperation({ summary: 'Le sottoscrizioni (il segreto non è mai restituito)' })
  elenco() {
    return this.query.execute(new ElencaSottoscrizioni());
  }

  @Get(':id/consegne')
  @Permesso('admin.webhook')
  @ApiOperation({ summary: 'Registro delle consegne della sottoscrizione, dalla più recente, con ogni tentativo (esito, stato HTTP, latenza, errore)' })
  consegne(@Param('id') id: string, @Query() query: RegistroConsegneQuery) {
    return this.query.execute(new RegistroConsegne(id, query));
  }
}
