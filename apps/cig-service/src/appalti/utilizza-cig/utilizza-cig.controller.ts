import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Attore } from '#platform';
import type { CommandMeta } from '../../infrastructure/command-meta.js';
import { Comando } from '../../http/request-context.js';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { UtilizzaCig } from './utilizza-cig.command.js';
import { UtilizzaCigDto } from './utilizza-cig.dto.js';

@ApiTags('cig')
@ApiBearerAuth()
@Controller('cig')
export class UtilizzaCigController {
  constructor(private readonly comandi: CommandBus) {}

  @Post(':cig/utilizza')
  @Permesso('cig.utilizza')
  @HttpCode(200)
  @ApiOperation({ summary: 'Collega il CIG alla procedura o al contratto che identifica (CIG utilizzato)' })
  utilizza(@Param('cig') codice: string, @Body() body: UtilizzaCigDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.comandi.execute(new UtilizzaCig(codice, body, attore, meta));
  }
}
