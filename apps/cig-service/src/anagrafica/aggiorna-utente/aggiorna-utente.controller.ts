import { Body, Controller, Param, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { Permesso } from '../../security/auth.guard.js';
import { AggiornaUtente } from './aggiorna-utente.command.js';
import { ProfiloUtenteDto } from './profilo-utente.dto.js';

@ApiTags('anagrafica')
@ApiBearerAuth()
@Controller('admin/anagrafica/utenti')
export class AggiornaUtenteController {
  constructor(private readonly comandi: CommandBus) {}

  @Patch(':userId')
  @Permesso('anagrafica.amministra')
  async aggiornaUtente(@Param('userId') userId: string, @Body() body: ProfiloUtenteDto, @Comando() meta: CommandMeta) {
    return { posizione: await this.comandi.execute(new AggiornaUtente(userId, body, meta)) };
  }
}
