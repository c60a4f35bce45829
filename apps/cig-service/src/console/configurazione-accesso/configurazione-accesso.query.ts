import { Query } from '@nestjs/cqrs';

/** How the console signs in: OpenID Connect (authorization code with PKCE) and/or the development login. */
export interface ConfigurazioneAccesso {
  readonly sviluppo: boolean;
  readonly oidc: { readonly issuer: string; readonly clientId: string; readonly scope: string; readonly resource: string | null } | null;
}

/** `GET /accesso/configurazione`: read from the configuration and the identity the service started with. */
export class LeggiConfigurazioneAccesso extends Query<ConfigurazioneAccesso> {}
