import { applyDecorators, type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type pg from 'pg';
import { LOGGER, problem, ProblemException, TokenMancante, TokenNonValido, TokenVerifier, type AppConfig, type Attore, type Clock, type Logger, type RateLimiter } from '#platform';
import { TokenBucketCondiviso } from './limite-condiviso.js';
import { APP_CONFIG, PG_POOL, WALL_CLOCK } from '../infrastructure/tokens.js';
import { autorizzaRuolo, OperazioneNonConsentita } from './authorization.js';
import { IdentitaInAnagrafica } from './identita-in-anagrafica.js';
import type { Azione } from './policy.js';

const PERMESSO = 'cig:permesso';
const PUBBLICO = 'cig:pubblico';

/** The action of the policy this endpoint performs (see policy.ts); also published in OpenAPI as `x-permesso`. */
export const Permesso = (azione: Azione) => applyDecorators(SetMetadata(PERMESSO, azione), ApiExtension('x-permesso', azione));
/** No identity needed (health, readiness, metrics). */
export const Pubblico = () => SetMetadata(PUBBLICO, true);

type RequestWithAttore = Request & { attore?: Attore };

/** The verified caller, set by the guard. */
export const AttoreCorrente = createParamDecorator((_: unknown, context: ExecutionContext): Attore => {
  const attore = context.switchToHttp().getRequest<RequestWithAttore>().attore;
  if (!attore) throw new TokenNonValido('Autenticazione richiesta');
  return attore;
});

/**
 * Every request: a valid bearer token (401 otherwise), a user the directory lets act (403
 * otherwise, see IdentitaInAnagrafica), a role allowed by the policy for the endpoint's action
 * (403 otherwise). An endpoint that declares no action is refused: deny by default.
 *
 * Rate limits count who the caller is: an authenticated caller by user id, whatever token it
 * shows; a request without a valid token by its client address, so that bogus tokens share one
 * budget instead of each getting a fresh one.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /** Shared by the instances through PostgreSQL (limiti_richieste). */
  private readonly limite: RateLimiter;

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    private readonly anagrafica: IdentitaInAnagrafica,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(WALL_CLOCK) wallClock: Clock,
    @Inject(PG_POOL) pool: pg.Pool,
    @Inject(LOGGER) logger: Logger,
  ) {
    const opzioni = { perMinute: config.RATE_LIMIT_PER_MINUTE, burst: config.RATE_LIMIT_BURST, now: () => wallClock.now().getTime() };
    this.limite = new TokenBucketCondiviso(pool, opzioni, logger);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBBLICO, targets)) return true;
    const request = context.switchToHttp().getRequest<RequestWithAttore>();
    const attore = await this.verificaToken(request);
    await this.limita(`utente:${attore.userId}`);
    await this.anagrafica.verifica(attore);
    request.attore = attore;
    const azione = this.reflector.getAllAndOverride<Azione | undefined>(PERMESSO, targets);
    if (!azione) throw new OperazioneNonConsentita('Operazione non prevista dalla politica di accesso');
    autorizzaRuolo(attore, azione);
    return true;
  }

  private async verificaToken(request: Request): Promise<Attore> {
    try {
      const header = request.headers.authorization;
      const token = typeof header === 'string' && /^Bearer\s+\S+$/i.test(header) ? header.replace(/^Bearer\s+/i, '') : undefined;
      if (!token) throw new TokenMancante();
      return await this.tokens.verify(token);
    } catch (error) {
      await this.limita(`indirizzo:${request.ip ?? request.socket.remoteAddress ?? 'sconosciuto'}`);
      throw error;
    }
  }

  private async limita(chiave: string): Promise<void> {
    const esito = await this.limite.consuma(chiave);
    if (esito.ammessa) return;
    throw new ProblemException(
      problem(429, 'TROPPE_RICHIESTE', `Limite di richieste raggiunto: riprova tra ${esito.retryAfterSeconds} secondi`, { retryAfter: esito.retryAfterSeconds }),
    );
  }
}
