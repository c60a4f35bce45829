import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permesso } from '../../security/auth.guard.js';
import { RicostruisciProiezione } from './ricostruisci-proiezione.command.js';

@ApiTags('amministrazione')
@ApiBearerAuth()
@Controller('admin/projections')
export class RicostruisciProiezioneController {
  constructor(private readonly comandi: CommandBus) {}

  @Post(':name/rebuild')
  @Permesso('admin.proiezioni')
  @HttpCode(202)
  @ApiOperation({ summary: 'Ricostruisce la proiezione dalla posizione 0 in tabelle ombra, scambiate quando allineate; intanto le interrogazioni rispondono' })
  ricostruisci(@Param('name') nome: string) {
    return this.comandi.execute(new RicostruisciProiezione(nome));
  }
}
