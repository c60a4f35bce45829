import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Pubblico } from '../../security/auth.guard.js';
import { Salute } from './salute.query.js';

/** Liveness, for orchestrators and monitoring, not for users. */
@ApiTags('operazioni')
@Pubblico()
@Controller()
export class SaluteController {
  constructor(private readonly query: QueryBus) {}

  @Get('health')
  @ApiOperation({ summary: 'Il processo è vivo' })
  health(): Promise<{ status: 'ok' }> {
    return this.query.execute(new Salute());
  }
}
