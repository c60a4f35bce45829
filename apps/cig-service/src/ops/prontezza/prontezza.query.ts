import { Query } from '@nestjs/cqrs';
import type { descriviStatoRegole } from '../../regole/regole-anac.js';

export type Indicatore = { readonly status: 'up' | 'down' } & Readonly<Record<string, unknown>>;

/** What /ready answers (200 when `status` is `ready`, 503 with the same body otherwise). */
export interface StatoProntezza {
  readonly status: 'ready' | 'not_ready';
  readonly database: 'up' | 'down';
  readonly migrazioni: 'applicate';
  readonly consumatori: ReadonlyArray<{ nome: string; attivo: boolean; allineato: boolean; errore: string | null }>;
  readonly regoleAnac: ReturnType<typeof descriviStatoRegole>;
  readonly info: Readonly<Record<string, Indicatore>>;
  readonly error: Readonly<Record<string, Indicatore>>;
  readonly details: Readonly<Record<string, Indicatore>>;
}

/** `GET /ready`: database reachable, migrations applied, consumers started, and the ANAC rule set loaded. */
export class Prontezza extends Query<StatoProntezza> {}
