import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Permesso, Pubblico } from '../../security/auth.guard.js';
import { ChiavePubblica, ChiaviTeste, type DocumentoChiavi } from './chiavi-pubbliche.queries.js';

/** The public keys that verify the trail offline: of its signed checkpoints, and of its signed heads. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class ChiaviPubblicheController {
  constructor(private readonly query: QueryBus) {}

  @Get('chiave-pubblica')
  @Permesso('audit.leggi')
  @ApiOperation({ summary: 'La chiave pubblica (Ed25519) che verifica i checkpoint firmati del registro: JSON, o il file PEM per cli audit verifica-export (formato=pem o Accept: application/x-pem-file)' })
  @ApiProduces('application/json', 'application/x-pem-file')
  @ApiQuery({ name: 'formato', required: false, enum: ['json', 'pem'], description: 'pem: il file PEM da dare a cli audit verifica-export --chiave-pubblica' })
  async chiavePubblica(@Query() parametri: Record<string, unknown>, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    return documento(await this.query.execute(new ChiavePubblica(parametri, accept)), res);
  }

  @Get('sth/chiavi')
  @Pubblico()
  @ApiOperation({ summary: 'Le chiavi pubbliche (Ed25519) delle teste firmate: quella in uso e le precedenti (AUDIT_PREVIOUS_PUBLIC_KEYS_FILE); formato=pem: il portachiavi per cli audit verifica-inclusione, verifica-consistenza, testimone' })
  @ApiProduces('application/json', 'application/x-pem-file')
  @ApiQuery({ name: 'formato', required: false, enum: ['json', 'pem'] })
  async chiaviSth(@Query() parametri: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    return documento(await this.query.execute(new ChiaviTeste(parametri)), res);
  }
}

/** JSON as it is; a PEM file as an attachment. */
function documento(d: DocumentoChiavi, res: Response) {
  if (d.formato === 'json') return d.corpo;
  res.type('application/x-pem-file').setHeader('Content-Disposition', `attachment; filename="${d.file}"`);
  return d.testo;
}
