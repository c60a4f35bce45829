import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { problem, ProblemException, UuidPipe, type Attore } from '#platform';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import type { VerificaAudit } from '../verifica-audit.js';
import { AvviaVerifica, VerificaAvviata } from './verifica.messaggi.js';
import { EsitoVerificaAuditDto, VerificaInCorsoDto } from './verifica.dto.js';

/** The verification of the trail: hash chain, signed checkpoints, and the comparison with the event store. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/verifica')
export class VerificaController {
  constructor(
    private readonly comandi: CommandBus,
    private readonly query: QueryBus,
  ) {}

  @Get()
  @Permesso('audit.leggi')
  @ApiOkResponse({ type: EsitoVerificaAuditDto, description: 'La verifica è conclusa: il suo esito' })
  @ApiAcceptedResponse({ type: VerificaInCorsoDto, description: 'Ancora in corso: l’avanzamento; in Location l’indirizzo dove leggerlo' })
  @ApiOperation({
    summary: 'Verifica del registro: ricalcola la catena di hash, controlla i checkpoint firmati e il confronto con gli eventi; indica il primo record alterato, inserito o eliminato',
    description: "Avvia la verifica (o si unisce a quella in corso) e attende fino a `attesa` secondi: 200 con l'esito, oppure 202 con l'avanzamento e, in Location, l'indirizzo dove leggerlo (GET /audit/verifica/{id}).",
  })
  @ApiQuery({ name: 'attesa', required: false, description: 'secondi di attesa dell\'esito, 0–25 (predefinito 20, entro REQUEST_TIMEOUT_MS)' })
  async verifica(@Query() parametri: Record<string, unknown>, @AttoreCorrente() attore: Attore, @Res({ passthrough: true }) res: Response) {
    return risposta(await this.comandi.execute(new AvviaVerifica(parametri, attore.userId)), res);
  }

  @Get(':id')
  @Permesso('audit.leggi')
  @ApiOkResponse({ type: EsitoVerificaAuditDto, description: 'La verifica è conclusa: il suo esito' })
  @ApiAcceptedResponse({ type: VerificaInCorsoDto, description: 'Ancora in corso: l’avanzamento' })
  @ApiOperation({ summary: "Stato e esito di una verifica del registro avviata da GET /audit/verifica (202 finché è in corso)" })
  async verificaAvviata(@Param('id', new UuidPipe()) id: string, @Res({ passthrough: true }) res: Response) {
    return risposta(await this.query.execute(new VerificaAvviata(id)), res);
  }
}

/** 200 with the outcome, 503 if it failed, 202 with the progress and where to read it while it runs. */
function risposta(v: VerificaAudit, res: Response) {
  const verifica = { id: v.id, stato: v.stato, avviataIl: v.avviataIl, recordControllati: v.recordControllati, recordTotali: v.recordTotali, ...(v.conclusaIl ? { conclusaIl: v.conclusaIl } : {}) };
  if (v.stato === 'CONCLUSA') return { ...v.esito!, verifica };
  if (v.stato === 'FALLITA') throw new ProblemException(problem(503, 'VERIFICA_NON_COMPLETATA', v.errore, { retryAfter: 5, verifica }));
  const indirizzo = `/audit/verifica/${v.id}`;
  res.status(202).setHeader('Location', indirizzo);
  res.setHeader('Retry-After', '5');
  return { verifica, stato: indirizzo };
}
