import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { cercaCpv, responsabileNelCdc } from '#domain';
import type { Attore } from '#platform';
import type { CommandMeta } from '../infrastructure/aggregate-store.js';
import { Comando } from '../http/request-context.js';
import { leggeTutto } from '../security/authorization.js';
import { AttoreCorrente, Permesso } from '../security/auth.guard.js';
import { AnagraficaService } from './anagrafica.service.js';
import { CercaCpvQuery, CercaRupQuery, ProfiloUtenteDto, StazioneAppaltanteDto, UnitaDto, UtenteDto } from './anagrafica.dto.js';

@ApiTags('anagrafica')
@ApiBearerAuth()
@Controller()
export class AnagraficaController {
  constructor(private readonly anagrafica: AnagraficaService) {}

  @Get('anagrafica/centri-di-costo')
  @Permesso('anagrafica.leggi')
  @ApiOperation({ summary: 'Centri di costo della stazione appaltante dell\'utente (manuale START Richiedi CIG, "Centro di costo richiedente")' })
  async centriDiCosto(@AttoreCorrente() attore: Attore) {
    const s = await this.anagrafica.stato();
    return [...s.centri.values()].filter((c) => leggeTutto(attore) || c.sa === attore.stazioneAppaltante);
  }

  @Get('tipologiche/cpv')
  @Permesso('anagrafica.leggi')
  @ApiOperation({ summary: 'Cerca nell\'elenco CPV di ANAC (tipologica CPV): codice a otto cifre e descrizione, i più generali prima (scheda CLASSIFICAZIONE)' })
  cpv(@Query() query: CercaCpvQuery) {
    return cercaCpv(query.q, query.limite ?? 20);
  }

  @Get('anagrafica/rup')
  @Permesso('anagrafica.leggi')
  @ApiOperation({ summary: 'Trova e seleziona RUP: i responsabili del centro di costo (manuale START Richiedi CIG)' })
  async rup(@AttoreCorrente() attore: Attore, @Query() query: CercaRupQuery) {
    const s = await this.anagrafica.stato();
    const cdc = s.centri.get(query.centroDiCosto);
    if (!cdc || (!leggeTutto(attore) && cdc.sa !== attore.stazioneAppaltante)) return [];
    const q = query.q?.toLowerCase();
    return [...s.utenti.values()]
      .filter((u) => responsabileNelCdc(s, u.codiceFiscale, cdc.codice))
      .filter((u) => !q || u.nome.toLowerCase().includes(q) || u.codiceFiscale.toLowerCase().includes(q))
      .map((u) => ({ userId: u.userId, nome: u.nome, codiceFiscale: u.codiceFiscale }));
  }

  @Get('admin/anagrafica')
  @Permesso('anagrafica.amministra')
  @ApiOperation({ summary: 'Tutta l\'anagrafica' })
  async tutta() {
    const s = await this.anagrafica.stato();
    return { stazioniAppaltanti: [...s.stazioni.values()], centriDiCosto: [...s.centri.values()], uffici: [...s.uffici.values()], utenti: [...s.utenti.values()] };
  }

  @Post('admin/anagrafica/stazioni-appaltanti')
  @Permesso('anagrafica.amministra')
  async registraSa(@Body() body: StazioneAppaltanteDto, @Comando() meta: CommandMeta) {
    return { posizione: await this.anagrafica.esegui({ type: 'RegistraStazioneAppaltante', ...body }, meta) };
  }

  @Post('admin/anagrafica/centri-di-costo')
  @Permesso('anagrafica.amministra')
  async registraCdc(@Body() body: UnitaDto, @Comando() meta: CommandMeta) {
    return { posizione: await this.anagrafica.esegui({ type: 'RegistraCentroDiCosto', ...body }, meta) };
  }

  @Post('admin/anagrafica/uffici')
  @Permesso('anagrafica.amministra')
  async registraUfficio(@Body() body: UnitaDto, @Comando() meta: CommandMeta) {
    return { posizione: await this.anagrafica.esegui({ type: 'RegistraUfficio', ...body }, meta) };
  }

  @Post('admin/anagrafica/utenti')
  @Permesso('anagrafica.amministra')
  async registraUtente(@Body() body: UtenteDto, @Comando() meta: CommandMeta) {
    return { posizione: await this.anagrafica.esegui({ type: 'RegistraUtente', ...body }, meta) };
  }

  @Patch('admin/anagrafica/utenti/:userId')
  @Permesso('anagrafica.amministra')
  async aggiornaUtente(@Param('userId') userId: string, @Body() body: ProfiloUtenteDto, @Comando() meta: CommandMeta) {
    return { posizione: await this.anagrafica.esegui({ type: 'AggiornaUtente', userId, ...body }, meta) };
  }

  @Delete('admin/anagrafica/utenti/:userId')
  @Permesso('anagrafica.amministra')
  @HttpCode(200)
  async disattivaUtente(@Param('userId') userId: string, @Comando() meta: CommandMeta) {
    return { posizione: await this.anagrafica.esegui({ type: 'DisattivaUtente', userId }, meta) };
  }
}
