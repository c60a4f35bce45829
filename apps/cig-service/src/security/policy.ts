import type { Ruolo } from '#platform';

/**
 * Who may do what: the single policy of the service, read as a table. Every endpoint names
 * one action (`@Permesso`), the guard checks the role, handlers check the scope.
 *
 * `ambito`:
 * - `ufficio`: the resource must belong to the caller's office (manuale START Richiedi CIG: buyers and
 *   e-procurement managers "potranno visualizzare ed operare su tutte le richieste
 *   predisposte dall'ufficio a cui appartengono"), unless the caller's role reads everything;
 * - `tutto`: no office restriction (oversight and administration).
 */
export type Azione = keyof typeof POLITICA;

const OPERATIVI: readonly Ruolo[] = ['BUYER', 'RESPONSABILE_EPROCUREMENT'];
const LETTORI_UFFICIO: readonly Ruolo[] = ['BUYER', 'RESPONSABILE_EPROCUREMENT', 'RUP'];
const VIGILANZA: readonly Ruolo[] = ['AUDITOR', 'RPCT', 'ADMIN'];

/** Roles that read every office's data (they change nothing, except ADMIN's own actions). */
export const LEGGONO_TUTTO: readonly Ruolo[] = VIGILANZA;

export const POLITICA = {
  //                              roles allowed                       scope
  'appalto.crea':              { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'appalto.modifica':          { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'appalto.verifica':          { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'appalto.invia':             { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'appalto.pubblica':          { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'appalto.copia':             { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'appalto.cancella':          { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'appalto.leggi':             { ruoli: [...LETTORI_UFFICIO, ...VIGILANZA], ambito: 'ufficio' },
  'cig.utilizza':              { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'cig.leggi':                 { ruoli: [...LETTORI_UFFICIO, ...VIGILANZA], ambito: 'ufficio' },
  // SIMOG (avviso AVCP-SIMOG 2011): gare and lots; perfection, cancellation, annulment of their CIGs
  'simog.gara.crea':           { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'simog.gara.modifica':       { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'simog.gara.cancella':       { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'simog.gara.leggi':          { ruoli: [...LETTORI_UFFICIO, ...VIGILANZA], ambito: 'ufficio' },
  'cig.registra':              { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'cig.perfeziona':            { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'cig.cancella':              { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'cig.annullamento':          { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  // The Authority's answer to an annulment request arrived by fax or PEC: an administrator records it.
  'cig.annullamento.esito':    { ruoli: ['ADMIN'],                     ambito: 'tutto' },
  // SmartCIG and carnets (nota SMART CIG 2011)
  'smartcig.richiedi':         { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'smartcig.modifica':         { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'smartcig.leggi':            { ruoli: [...LETTORI_UFFICIO, ...VIGILANZA], ambito: 'ufficio' },
  'carnet.richiedi':           { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'carnet.comunica':           { ruoli: OPERATIVI,                     ambito: 'ufficio' },
  'carnet.leggi':              { ruoli: [...LETTORI_UFFICIO, ...VIGILANZA], ambito: 'ufficio' },
  'anagrafica.leggi':          { ruoli: [...LETTORI_UFFICIO, ...VIGILANZA], ambito: 'tutto' },
  'anagrafica.amministra':     { ruoli: ['ADMIN'],                     ambito: 'tutto' },
  'audit.leggi':               { ruoli: VIGILANZA,                     ambito: 'tutto' },
  'admin.proiezioni':          { ruoli: ['ADMIN'],                     ambito: 'tutto' },
  'admin.import':              { ruoli: ['ADMIN'],                     ambito: 'tutto' },
  'admin.simulatore':          { ruoli: ['ADMIN'],                     ambito: 'tutto' },
  // Webhook subscriptions of integrating apps (each may be bound to one office's events)
  'admin.webhook':             { ruoli: ['ADMIN'],                     ambito: 'tutto' },
} as const satisfies Record<string, { ruoli: readonly Ruolo[]; ambito: 'ufficio' | 'tutto' }>;
