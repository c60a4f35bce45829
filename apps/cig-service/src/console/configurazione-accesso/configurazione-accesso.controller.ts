import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Pubblico } from '../../security/auth.guard.js';
import { LeggiConfigurazioneAccesso, type ConfigurazioneAccesso } from './configurazione-accesso.query.js';

@ApiTags('console')
@Controller('accesso')
export class AccessoController {
  constructor(private readonly query: QueryBus) {}

  @Get('configurazione')
  @Pubblico()
  @ApiOperation({ summary: 'Come accede la console: fornitore OpenID Connect (AUTH_OIDC_ISSUER) e/o accesso di sviluppo' })
  configurazione(): Promise<ConfigurazioneAccesso> {
    return this.query.execute(new LeggiConfigurazioneAccesso());
  }
}
