import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permesso } from '../../security/auth.guard.js';
import { EliminaSottoscrizione } from './elimina.command.js';

@ApiTags('webhook')
@ApiBearerAuth()
@Controller('webhook/sottoscrizioni')
export class EliminaSottoscrizioneController {
  constructor(private readonly comandi: CommandBus) {}

  @Delete(':id')
  @Permesso('admin.webhook')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disattiva la sottoscrizione: le consegne in attesa sono annullate, il registro resta' })
  elimina(@Param('id') id: string) {
    return this.comandi.execute(new EliminaSottoscrizione(id));
  }
}
