import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '#platform';
import { APP_CONFIG, IDENTITY } from '../infrastructure/tokens.js';
import type { Identity } from '../security/identity.js';
import { Pubblico } from '../security/auth.guard.js';

/** How the console signs in: OpenID Connect (authorization code with PKCE) and/or the development login. */
export interface ConfigurazioneAccesso {
  readonly sviluppo: boolean;
  readonly oidc: { readonly issuer: string; readonly clientId: string; readonly scope: string; readonly resource: string | null } | null;
}

@ApiTags('console')
@Controller('accesso')
export class AccessoController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(IDENTITY) private readonly identity: Identity,
  ) {}

  @Get('configurazione')
  @Pubblico()
  @ApiOperation({ summary: 'Come accede la console: fornitore OpenID Connect (AUTH_OIDC_ISSUER) e/o accesso di sviluppo' })
  configurazione(): ConfigurazioneAccesso {
    const c = this.config;
    return {
      sviluppo: this.identity.devKeys !== undefined,
      oidc: c.AUTH_OIDC_ISSUER
        ? { issuer: c.AUTH_OIDC_ISSUER, clientId: c.AUTH_OIDC_CLIENT_ID, scope: c.AUTH_OIDC_SCOPE, resource: c.AUTH_OIDC_RESOURCE ?? null }
        : null,
    };
  }
}
