import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Pubblico } from '../../security/auth.guard.js';
import { AccessoSviluppoDto } from './accesso-sviluppo.dto.js';
import { TokenSviluppo, UtentiSviluppo } from './accesso-sviluppo.queries.js';

/**
 * Development login of the console: choose a user of the demo directory and the service mints
 * its token (404 outside development, see the handlers).
 */
@ApiTags('console')
@Controller('accesso/sviluppo')
export class AccessoSviluppoController {
  constructor(private readonly query: QueryBus) {}

  @Get('utenti')
  @Pubblico()
  @ApiOperation({ summary: "Accesso di sviluppo: gli utenti dell'anagrafica dimostrativa (404 fuori dallo sviluppo)" })
  utenti() {
    return this.query.execute(new UtentiSviluppo());
  }

  @Post()
  @Pubblico()
  @HttpCode(200)
  @ApiOperation({ summary: 'Accesso di sviluppo: token per un utente dell\'anagrafica (404 fuori dallo sviluppo)' })
  accedi(@Body() body: AccessoSviluppoDto) {
    return this.query.execute(new TokenSviluppo(body.userId));
  }
}
