import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { Permesso } from '../../security/auth.guard.js';
import { RegistraInAnagrafica } from './registra.command.js';
import { StazioneAppaltanteDto, UnitaDto, UtenteDto } from './registra.dto.js';

@ApiTags('anagrafica')
@ApiBearerAuth()
@Controller('admin/anagrafica')
export class RegistraController {
  constructor(private readonly comandi: CommandBus) {}

  @Post('stazioni-appaltanti')
  @Permesso('anagrafica.amministra')
  async registraSa(@Body() body: StazioneAppaltanteDto, @Comando() meta: CommandMeta) {
    return { posizione: await this.comandi.execute(new RegistraInAnagrafica({ type: 'RegistraStazioneAppaltante', ...body }, meta)) };
  }

  @Post('centri-di-costo')
  @Permesso('anagrafica.amministra')
  async registraCdc(@Body() body: UnitaDto, @Comando() meta: CommandMeta) {
    return { posizione: await this.comandi.execute(new RegistraInAnagrafica({ type: 'RegistraCentroDiCosto', ...body }, meta)) };
  }

  @Post('uffici')
  @Permesso('anagrafica.amministra')
  async registraUfficio(@Body() body: UnitaDto, @Comando() meta: CommandMeta) {
    return { posizione: await this.comandi.execute(new RegistraInAnagrafica({ type: 'RegistraUfficio', ...body }, meta)) };
  }

  @Post('utenti')
  @Permesso('anagrafica.amministra')
  async registraUtente(@Body() body: UtenteDto, @Comando() meta: CommandMeta) {
    return { posizione: await this.comandi.execute(new RegistraInAnagrafica({ type: 'RegistraUtente', ...body }, meta)) };
  }
}
