import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches } from 'class-validator';
import { italiano, mintDevToken, type AppConfig, type Clock } from '#platform';
import { APP_CONFIG, IDENTITY, WALL_CLOCK } from '../infrastructure/tokens.js';
import type { Identity } from '../security/identity.js';
import { AnagraficaService } from '../anagrafica/anagrafica.service.js';
import { Pubblico } from '../security/auth.guard.js';

export class AccessoSviluppoDto {
  @ApiProperty({ description: 'Utente della rubrica di sviluppo', example: 'francesca.bianchi' })
  @IsString({ message: 'userId deve essere un testo' })
  @IsNotEmpty({ message: 'userId è obbligatorio' })
  @Matches(/^[A-Za-z0-9._@-]{1,128}$/, { message: italiano('identificativo non valido') })
  userId!: string;
}

/**
 * Development login of the console: choose a user of the demo directory and the service mints
 * its token. It exists only while the service signs tokens with its own development keys; with an
 * identity provider (AUTH_JWKS_URL / AUTH_PUBLIC_KEY_FILE, always in production) it answers 404.
 */
@ApiTags('console')
@Controller('accesso/sviluppo')
export class AccessoSviluppoController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(IDENTITY) private readonly identity: Identity,
    @Inject(WALL_CLOCK) private readonly wallClock: Clock,
    private readonly anagrafica: AnagraficaService,
  ) {}

  @Get('utenti')
  @Pubblico()
  @ApiOperation({ summary: "Accesso di sviluppo: gli utenti dell'anagrafica dimostrativa (404 fuori dallo sviluppo)" })
  async utenti() {
    this.soloSviluppo();
    const s = await this.anagrafica.stato();
    return [...s.utenti.values()].filter((u) => u.attivo).map((u) => ({ userId: u.userId, nome: u.nome, ruoli: u.ruoli, ufficio: u.ufficio }));
  }

  @Post()
  @Pubblico()
  @HttpCode(200)
  @ApiOperation({ summary: 'Accesso di sviluppo: token per un utente dell\'anagrafica (404 fuori dallo sviluppo)' })
  async accedi(@Body() body: AccessoSviluppoDto) {
    const keys = this.soloSviluppo();
    const s = await this.anagrafica.stato();
    const u = s.utenti.get(body.userId);
    if (!u || !u.attivo) throw new NotFoundException(`Utente ${body.userId} non presente in anagrafica`);
    const c = this.config;
    const token = await mintDevToken(
      keys,
      { userId: u.userId, nome: u.nome, codiceFiscale: u.codiceFiscale, ruoli: u.ruoli, ufficio: u.ufficio, centriDiCosto: u.centriDiCosto, stazioneAppaltante: u.sa },
      { issuer: c.AUTH_ISSUER, audience: c.AUTH_AUDIENCE, now: this.wallClock.now() },
    );
    return { token, utente: { userId: u.userId, nome: u.nome, ruoli: u.ruoli, ufficio: u.ufficio } };
  }

  private soloSviluppo() {
    const keys = this.identity.devKeys;
    if (!keys) throw new NotFoundException('Accesso di sviluppo non disponibile: il servizio usa un fornitore di identità');
    return keys;
  }
}
