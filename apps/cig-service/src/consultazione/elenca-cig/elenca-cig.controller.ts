import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Attore } from '#platform';
import { dichiaraConsistenza } from '../../http/read-your-writes.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { ParametriDiRicerca } from '../../http/parametri-di-ricerca.js';
import { ElencaCig } from './elenca-cig.query.js';
import { PaginaCigDto } from './pagina-cig.dto.js';

/**
 * The START listing (manuale START Richiedi CIG §2.3–2.4): one row per lot/CIG, every filter of PARAMETRI DI
 * RICERCA in any combination, sort by any date or amount, keyset pages with a total. Every query sees
 * only the caller's office unless the caller's role reads everything.
 */
@ApiTags('cig')
@ApiBearerAuth()
@Controller('cig')
export class ElencaCigController {
  constructor(private readonly query: QueryBus) {}

  @Get()
  @Permesso('cig.leggi')
  @ApiOperation({ summary: 'Lista dei CIG: una riga per lotto, filtri di PARAMETRI DI RICERCA, ordinamento, pagine (cursore) e totale' })
  @ApiOkResponse({ type: PaginaCigDto, description: 'Una pagina della lista con i criteri, l’ordinamento e il totale' })
  @ParametriDiRicerca()
  @ApiQuery({ name: 'limite', required: false, description: 'righe per pagina (predefinito 20)' })
  @ApiQuery({ name: 'cursore', required: false, description: 'pagina successiva: il valore di pagina.successiva' })
  async elenco(@AttoreCorrente() attore: Attore, @Query() parametri: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const { pagina, consistenza } = await this.query.execute(new ElencaCig(parametri, attore));
    dichiaraConsistenza(res, consistenza);
    return pagina;
  }
}
