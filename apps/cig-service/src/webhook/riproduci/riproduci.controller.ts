import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permesso } from '../../security/auth.guard.js';
import { RiproduciEventi } from './riproduci.command.js';
import { RiproduzioneDto } from './riproduci.dto.js';

@ApiTags('webhook')
@ApiBearerAuth()
@Controller('webhook/sottoscrizioni')
export class RiproduciEventiController {
  constructor(private readonly comandi: CommandBus) {}

  @Post(':id/riproduci')
  @Permesso('admin.webhook')
  @HttpCode(202)
  @ApiOperation({ summary: 'Ripete gli eventi dopo una posizione del registro, marcati come riconsegne' })
  riproduci(@Param('id') id: string, @Body() body: RiproduzioneDto) {
    return this.comandi.execute(new RiproduciEventi(id, body.dallaPosizione));
  }
}
