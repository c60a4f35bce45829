import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { mintDevToken, type AppConfig, type Clock } from '#platform';
import { AnagraficaService } from '../../anagrafica/anagrafica.service.js';
import { APP_CONFIG, IDENTITY, WALL_CLOCK } from '../../infrastructure/tokens.js';
import type { Identity } from '../../security/identity.js';
import { TokenSviluppo, UtentiSviluppo, type UtenteSviluppo } from './accesso-sviluppo.queries.js';

/**
 * The development login exists only while the service signs tokens with its own development keys;
 * with an identity provider (AUTH_JWKS_URL / AUTH_PUBLIC_KEY_FILE, always in production) it answers 404.
 */
function chiaviDiSviluppo(identity: Identity) {
  const keys = identity.devKeys;
  if (!keys) throw new NotFoundException('Accesso di sviluppo non disponibile: il servizio usa un fornitore di identità');
  return keys;
}

const comeUtente = (u: UtenteSviluppo): UtenteSviluppo => ({ userId: u.userId, nome: u.nome, ruoli: u.ruoli, ufficio: u.ufficio });

@QueryHandler(UtentiSviluppo)
export class UtentiSviluppoHandler implements IQueryHandler<UtentiSviluppo> {
  constructor(
    @Inject(IDENTITY) private readonly identity: Identity,
    private readonly anagrafica: AnagraficaService,
  ) {}

  async execute(): Promise<UtenteSviluppo[]> {
    chiaviDiSviluppo(this.identity);
    const s = await this.anagrafica.stato();
    return [...s.utenti.values()].filter((u) => u.attivo).map(comeUtente);
  }
}

/** The token carries what the directory says of the user now (roles, office, cost centres, stazione appaltante). */
@QueryHandler(TokenSviluppo)
export class TokenSviluppoHandler implements IQueryHandler<TokenSviluppo> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(IDENTITY) private readonly identity: Identity,
    @Inject(WALL_CLOCK) private readonly wallClock: Clock,
    private readonly anagrafica: AnagraficaService,
  ) {}

  async execute({ userId }: TokenSviluppo) {
    const keys = chiaviDiSviluppo(this.identity);
    const s = await this.anagrafica.stato();
    const u = s.utenti.get(userId);
    if (!u || !u.attivo) throw new NotFoundException(`Utente ${userId} non presente in anagrafica`);
    const c = this.config;
    const token = await mintDevToken(
      keys,
      { userId: u.userId, nome: u.nome, codiceFiscale: u.codiceFiscale, ruoli: u.ruoli, ufficio: u.ufficio, centriDiCosto: u.centriDiCosto, stazioneAppaltante: u.sa },
      { issuer: c.AUTH_ISSUER, audience: c.AUTH_AUDIENCE, now: this.wallClock.now() },
    );
    return { token, utente: comeUtente(u) };
  }
}
