import { Controller, Get, Header, HttpCode, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Pubblico } from '../../security/auth.guard.js';
import { Metriche } from './metriche.query.js';

/** Metrics, for monitoring, not for users. */
@ApiTags('operazioni')
@Pubblico()
@Controller()
export class MetricheController {
  constructor(private readonly query: QueryBus) {}

  @Get('metrics')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Metriche in formato Prometheus (testo)' })
  async prometheus(@Res() res: Response): Promise<void> {
    const { contentType, testo } = await this.query.execute(new Metriche());
    res.type(contentType).send(testo);
  }
}
