import { Controller, Get, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Pubblico } from '../../security/auth.guard.js';
import { Prontezza, type StatoProntezza } from './prontezza.query.js';

/** When an orchestrator or a client should ask /ready again while the service is not ready (seconds). */
const RETRY_AFTER_S = 5;

/** Readiness, for orchestrators and monitoring, not for users. */
@ApiTags('operazioni')
@Pubblico()
@Controller()
export class ProntezzaController {
  constructor(private readonly query: QueryBus) {}

  @Get('ready')
  @ApiOperation({ summary: 'Pronto a servire: database raggiungibile, migrazioni applicate, consumatori avviati' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<StatoProntezza> {
    const stato = await this.query.execute(new Prontezza());
    const ready = stato.status === 'ready';
    res.status(ready ? 200 : 503);
    if (!ready) res.setHeader('Retry-After', String(RETRY_AFTER_S));
    return stato;
  }
}
