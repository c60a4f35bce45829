import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { dichiaraConsistenza } from '../../http/read-your-writes.js';
import { Permesso } from '../../security/auth.guard.js';
import { ConsultaRegistro } from './consulta-registro.query.js';
import { PaginaAuditDto } from '../record-audit.dto.js';

/**
 * The audit trail (DESIGN §6), for auditors and anti-corruption officers: every event with who,
 * when (effective and recorded), why and in which request.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class ConsultaRegistroController {
  constructor(private readonly query: QueryBus) {}

  @Get()
  @Permesso('audit.leggi')
  @ApiOkResponse({ type: PaginaAuditDto })
  @ApiOperation({ summary: 'Registro di audit: ogni evento con attore, ruolo, ufficio, data effettiva e di registrazione, motivazione, correlazione' })
  @ApiQuery({ name: 'cig', required: false })
  @ApiQuery({ name: 'appalto', required: false, description: 'ID appalto' })
  @ApiQuery({ name: 'attore', required: false, description: 'userId di chi ha agito' })
  @ApiQuery({ name: 'ufficio', required: false })
  @ApiQuery({ name: 'tipo', required: false, description: 'tipi di evento separati da virgola' })
  @ApiQuery({ name: 'da', required: false, description: 'data effettiva da (giorno o istante ISO-8601)' })
  @ApiQuery({ name: 'a', required: false, description: 'data effettiva a (un giorno: incluso)' })
  @ApiQuery({ name: 'limite', required: false, description: 'fino a 500 (predefinito 50)' })
  @ApiQuery({ name: 'cursore', required: false })
  @ApiQuery({ name: 'attendi', required: false })
  async elenco(@Query() parametri: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const { pagina, consistenza } = await this.query.execute(new ConsultaRegistro(parametri));
    dichiaraConsistenza(res, consistenza);
    return pagina;
  }
}
