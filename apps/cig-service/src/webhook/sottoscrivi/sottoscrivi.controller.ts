import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { Sottoscrivi } from './sottoscrivi.command.js';
import { SottoscrizioneDto } from './sottoscrivi.dto.js';

/** Webhook subscriptions of integrating apps (administrators): events out, signed, at least once. */
@ApiTags('webhook')
@ApiBearerAuth()
@Controller('webhook/sottoscrizioni')
export class SottoscriviController {
  constructor(private readonly comandi: CommandBus) {}

  @Post()
  @Permesso('admin.webhook')
  @ApiOperation({ summary: "Registra una sottoscrizione: indirizzo, segreto della firma, eventi, eventualmente un solo ufficio" })
  crea(@Body() body: SottoscrizioneDto, @AttoreCorrente() attore: Attore) {
    return this.comandi.execute(new Sottoscrivi(body, attore));
  }
}
