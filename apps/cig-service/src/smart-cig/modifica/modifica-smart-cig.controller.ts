import { Body, Controller, Param, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { ModificaSmartCig } from './modifica-smart-cig.command.js';
import { ModificaSmartCigDto } from './modifica-smart-cig.dto.js';

@ApiTags('smart-cig')
@ApiBearerAuth()
@Controller('smart-cig')
export class ModificaSmartCigController {
  constructor(private readonly comandi: CommandBus) {}

  @Patch(':cig')
  @Permesso('smartcig.modifica')
  @ApiOperation({ summary: 'Modifica i dati comunicati' })
  modifica(@Param('cig') cig: string, @Body() body: ModificaSmartCigDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new ModificaSmartCig(cig, body.dati, attore, meta));
  }
}
