import { applyDecorators, type CanActivate, type ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { TokenNonValido, TokenVerifier, type Attore } from '#platform';
import { autorizzaRuolo, OperazioneNonConsentita } from './authorization.js';
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
 * Every request: a valid bearer token (401 otherwise), and a role allowed by the policy for the
 * endpoint's action (403 otherwise). An endpoint that declares no action is refused: deny by
 * default.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBBLICO, targets)) return true;
    const request = context.switchToHttp().getRequest<RequestWithAttore>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && /^Bearer\s+\S+$/i.test(header) ? header.replace(/^Bearer\s+/i, '') : undefined;
    if (!token) throw new TokenNonValido('Autenticazione richiesta: manca il token (Authorization: Bearer …)');
    request.attore = await this.tokens.verify(token);
    const azione = this.reflector.getAllAndOverride<Azione | undefined>(PERMESSO, targets);
    if (!azione) throw new OperazioneNonConsentita('Operazione non prevista dalla politica di accesso');
    autorizzaRuolo(request.attore, azione);
    return true;
  }
}
