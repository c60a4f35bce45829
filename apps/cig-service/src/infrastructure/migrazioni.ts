import { migraModelliDiLettura, readModelMigrations, type Migrazione } from '#read-models';
import { PraticheAnac1732600000001 } from '../anac/migrazioni/1732600000001-pratiche-anac.js';
import { PraticheRevisioneRichiesta1732600900000 } from '../anac/migrazioni/1732600900000-pratiche-revisione-richiesta.js';
import { Idempotenza1732600300000 } from '../http/idempotenza/migrazioni/1732600300000-idempotenza.js';
import { IdempotenzaLease1732600400000 } from '../http/idempotenza/migrazioni/1732600400000-idempotenza-lease.js';
import { Scadenze1732601300300 } from '../scadenze/migrazioni/1732601300300-scadenze.js';
import { Webhook1732601100000 } from '../webhook/migrazioni/1732601100000-webhook.js';

/**
 * Every migration the service runs at start: the libraries' (read models, shared state) and those
 * of its own modules, each next to its owner (ANAC practices, idempotency, webhooks, deadlines).
 * Names and timestamps are those the migrations always had, so a database migrated before runs
 * none of them again; typeorm applies them in timestamp order.
 */
export const migrazioniDelServizio: readonly Migrazione[] = [
  ...readModelMigrations,
  PraticheAnac1732600000001,
  PraticheRevisioneRichiesta1732600900000,
  Idempotenza1732600300000,
  IdempotenzaLease1732600400000,
  Webhook1732601100000,
  Scadenze1732601300300,
];

/** Migrates the database at `url` as the service does at start (integration tests of the service's modules). */
export const migraDatabaseDelServizio = (url: string): Promise<string[]> => migraModelliDiLettura(url, migrazioniDelServizio);
