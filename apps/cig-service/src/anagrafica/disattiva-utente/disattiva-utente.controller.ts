import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { Permesso } from '../../security/auth.guard.js';
import { DisattivaUtente } from './disattiva-utente.command.js';

@ApiTags('anagrafica')
@ApiBearerAuth()
@Controller('admin/anagrafica/utenti')
export class DisattivaUtenteController {
  constructor(private readonly comandi: CommandBus) {}

  @Delete(':userId')
  @Permesso('anagrafica.amministra')
  @HttpCode(200)
  async disattivaUtente(@Param('userId') userId: string, @Comando() meta: CommandMeta) {
    return { posizione: await this.comandi.execute(new DisattivaUtente(userId, meta)) };
  }
}
