import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig, Attore, Clock } from '#platform';
import { APP_CONFIG, WALL_CLOCK } from '../infrastructure/tokens.js';

/**
 * What the identity check reads of the directory: its users, from a copy at most `maxEtaMs` old. The
 * anagrafica area provides it (its AnagraficaService, under this token): security, a place every area
 * uses, imports no area.
 */
export interface UtentiInAnagrafica {
  statoRecente(maxEtaMs: number, ora: number): Promise<{ readonly utenti: ReadonlyMap<string, { readonly attivo: boolean }> }>;
}
export const UTENTI_IN_ANAGRAFICA = Symbol('UtentiInAnagrafica');

/** How stale the directory may be when it lets a caller in (ms): a deactivation reaches every instance within it. */
export const ANAGRAFICA_CACHE_MS = 30_000;

/** A caller whose token is valid but whom the directory does not let act: 403, and nothing was written. */
export class UtenteNonAbilitato extends Error {
  readonly kind = 'forbidden';
  constructor(readonly code: 'UTENTE_DISATTIVATO' | 'UTENTE_NON_IN_ANAGRAFICA', message: string) {
    super(message);
    this.name = 'UtenteNonAbilitato';
  }
}

/**
 * Identity follows the directory: a signed token is not enough, its user must be an active user
 * of the anagrafica (deactivated users and users never registered are refused), checked on every
 * request against a copy at most ANAGRAFICA_CACHE_MS old. A refusal is decided on a fresh read,
 * so a user registered a moment ago is let in at once. With AUTH_TRUST_TOKEN_CLAIMS=true (no
 * local directory) the identity provider's claims alone decide.
 */
@Injectable()
export class IdentitaInAnagrafica {
  constructor(
    @Inject(UTENTI_IN_ANAGRAFICA) private readonly anagrafica: UtentiInAnagrafica,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WALL_CLOCK) private readonly wallClock: Clock,
  ) {}

  async verifica(attore: Attore): Promise<void> {
    if (this.config.AUTH_TRUST_TOKEN_CLAIMS) return;
    const ora = this.wallClock.now().getTime();
    let utente = (await this.anagrafica.statoRecente(ANAGRAFICA_CACHE_MS, ora)).utenti.get(attore.userId);
    if (!utente?.attivo) utente = (await this.anagrafica.statoRecente(0, ora)).utenti.get(attore.userId);
    if (!utente) {
      throw new UtenteNonAbilitato('UTENTE_NON_IN_ANAGRAFICA', `L'utente ${attore.userId} non è registrato nell'anagrafica della piattaforma: chiedere all'amministratore di registrarlo`);
    }
    if (!utente.attivo) {
      throw new UtenteNonAbilitato('UTENTE_DISATTIVATO', `L'utente ${attore.userId} è stato disattivato nell'anagrafica della piattaforma: non può più operare`);
    }
  }
}
