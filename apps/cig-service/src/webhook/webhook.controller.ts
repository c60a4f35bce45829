import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import { AttoreCorrente, Permesso } from '../security/auth.guard.js';
import { RegistroConsegneQuery, RiproduzioneDto, SottoscrizioneDto } from './webhook.dto.js';
import { WebhookService } from './webhook.service.js';

/** Webhook subscriptions of integrating apps (administrators): events out, signed, at least once. */
@ApiTags('webhook')
@ApiBearerAuth()
@Controller('webhook/sottoscrizioni')
export class WebhookController {
  constructor(private readonly webhook: WebhookService) {}

  @Post()
  @Permesso('admin.webhook')
  @ApiOperation({ summary: "Registra una sottoscrizione: indirizzo, segreto della firma, eventi, eventualmente un solo ufficio" })
  crea(@Body() body: SottoscrizioneDto, @AttoreCorrente() attore: Attore) {
    return this.webhook.crea(body, attore);
  }

  @Get()
  @Permesso('admin.webhook')
  @ApiOperation({ summary: 'Le sottoscrizioni (il segreto non è mai restituito)' })
  elenco() {
    return this.webhook.elenco();
  }

  @Delete(':id')
  @Permesso('admin.webhook')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disattiva la sottoscrizione: le consegne in attesa sono annullate, il registro resta' })
  elimina(@Param('id') id: string) {
    return this.webhook.elimina(id);
  }

  @Get(':id/consegne')
  @Permesso('admin.webhook')
  @ApiOperation({ summary: 'Registro delle consegne della sottoscrizione, dalla più recente, con ogni tentativo (esito, stato HTTP, latenza, errore)' })
  consegne(@Param('id') id: string, @Query() query: RegistroConsegneQuery) {
    return this.webhook.consegne(id, query);
  }

  @Post(':id/riproduci')
  @Permesso('admin.webhook')
  @HttpCode(202)
  @ApiOperation({ summary: 'Ripete gli eventi dopo una posizione del registro, marcati come riconsegne' })
  riproduci(@Param('id') id: string, @Body() body: RiproduzioneDto) {
    return this.webhook.riproduci(id, body.dallaPosizione);
  }
}
