import { Query } from '@nestjs/cqrs';
import type { Attore } from '#platform';

/** A user of the demo directory as the development login shows it. */
export type UtenteSviluppo = Pick<Attore, 'userId' | 'nome' | 'ruoli' | 'ufficio'>;

/** `GET /accesso/sviluppo/utenti`: the active users of the demo directory. */
export class UtentiSviluppo extends Query<UtenteSviluppo[]> {}

/**
 * `POST /accesso/sviluppo`: a token for a user of the directory. A query, not a command: nothing is
 * recorded, the token is minted from what the directory says now.
 */
export class TokenSviluppo extends Query<{ token: string; utente: UtenteSviluppo }> {
  constructor(readonly userId: string) {
    super();
  }
}
