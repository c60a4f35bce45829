import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Permesso, Pubblico } from '../../security/auth.guard.js';
import { ProvaConsistenza, ProvaInclusione } from './prove.queries.js';
import { DocumentoInclusioneDto } from '../record-audit.dto.js';

/** Proofs over the trail's Merkle tree, verified offline with the CLI. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class ProveController {
  constructor(private readonly query: QueryBus) {}

  @Get('consistenza')
  @Pubblico()
  @ApiOperation({
    summary: "Prova di consistenza (RFC 9162 §2.1.4) dall'albero di `da` record alla testa firmata di dimensione `a` (predefinita: l'ultima): mostra che i primi `da` record non sono cambiati. Verifica offline: cli audit verifica-consistenza",
  })
  @ApiQuery({ name: 'da', required: true, description: 'dimensione della testa conservata' })
  @ApiQuery({ name: 'a', required: false, description: 'dimensione della testa più recente (predefinita: l\'ultima)' })
  consistenza(@Query() parametri: Record<string, unknown>) {
    return this.query.execute(new ProvaConsistenza(parametri));
  }

  @Get('inclusione')
  @Permesso('audit.leggi')
  @ApiOkResponse({ type: DocumentoInclusioneDto, description: 'Prove di inclusione RFC 9162' })
  @ApiOperation({
    summary: 'Prove di inclusione (RFC 9162 §2.1.3) di record del registro, o di ogni evento di un CIG, in una testa firmata: il record, il suo percorso e la testa. Verifica offline: cli audit verifica-inclusione',
  })
  @ApiQuery({ name: 'seq', required: false, description: 'numeri di record separati da virgola (fino a 100)' })
  @ApiQuery({ name: 'cig', required: false, description: 'ogni evento di questo CIG coperto dalla testa' })
  @ApiQuery({ name: 'dimensione', required: false, description: 'la testa di questa dimensione (predefinita: l\'ultima)' })
  inclusione(@Query() parametri: Record<string, unknown>) {
    return this.query.execute(new ProvaInclusione(parametri));
  }
}
