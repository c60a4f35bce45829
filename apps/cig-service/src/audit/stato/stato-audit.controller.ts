import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permesso } from '../../security/auth.guard.js';
import { StatoAudit } from './stato-audit.query.js';

/** The audit trail at a glance, for auditors and anti-corruption officers (the RPCT page of the console). */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class StatoAuditController {
  constructor(private readonly query: QueryBus) {}

  @Get('stato')
  @Permesso('audit.leggi')
  @ApiOperation({
    summary: "Stato del registro di audit: numero di record, ultima testa firmata (dimensione, istante, chiave), ultimo checkpoint firmato, ultima verifica (quando, esito, chi l'ha avviata) e quella in corso",
  })
  stato() {
    return this.query.execute(new StatoAudit());
  }
}
