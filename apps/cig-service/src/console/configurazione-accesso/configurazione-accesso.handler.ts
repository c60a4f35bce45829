import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { AppConfig } from '#platform';
import { APP_CONFIG, IDENTITY } from '../../infrastructure/tokens.js';
import type { Identity } from '../../security/identity.js';
import { LeggiConfigurazioneAccesso, type ConfigurazioneAccesso } from './configurazione-accesso.query.js';

/** The development login exists only while the service signs tokens with its own keys; OpenID Connect when an issuer is configured. */
@QueryHandler(LeggiConfigurazioneAccesso)
export class ConfigurazioneAccessoHandler implements IQueryHandler<LeggiConfigurazioneAccesso> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(IDENTITY) private readonly identity: Identity,
  ) {}

  async execute(): Promise<ConfigurazioneAccesso> {
    const c = this.config;
    return {
      sviluppo: this.identity.devKeys !== undefined,
      oidc: c.AUTH_OIDC_ISSUER
        ? { issuer: c.AUTH_OIDC_ISSUER, clientId: c.AUTH_OIDC_CLIENT_ID, scope: c.AUTH_OIDC_SCOPE, resource: c.AUTH_OIDC_RESOURCE ?? null }
        : null,
    };
  }
}
