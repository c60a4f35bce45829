import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Pubblico } from '../../security/auth.guard.js';
import { StatoTestimoni, TestaDelRegistro } from './teste.queries.js';

/** The trail's signed heads (RFC 9162) and the witnesses that countersign them: public, anyone may keep them. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class TesteController {
  constructor(private readonly query: QueryBus) {}

  @Get('sth')
  @Pubblico()
  @ApiOperation({
    summary: "Testa firmata dell'albero Merkle del registro (RFC 9162): dimensione, radice, timestamp, chiave, firma Ed25519. Pubblica: la conserva chiunque, per provare poi che il registro non è cambiato",
  })
  @ApiQuery({ name: 'dimensione', required: false, description: 'la testa di questa dimensione (predefinita: l\'ultima)' })
  sth(@Query() parametri: Record<string, unknown>) {
    return this.query.execute(new TestaDelRegistro(parametri));
  }

  @Get('testimoni')
  @Pubblico()
  @ApiOperation({
    summary: "I testimoni a cui il servizio pubblica le teste firmate (AUDIT_TESTIMONI): per ciascuno la chiave, l'ultima dimensione controfirmata, le teste ancora da pubblicare, l'ultimo errore e l'eventuale rifiuto (vista divisa, riscrittura)",
  })
  testimoni() {
    return this.query.execute(new StatoTestimoni());
  }
}
