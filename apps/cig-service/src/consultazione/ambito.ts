import type { AmbitoVisibilita } from '#read-models';
import type { Attore } from '#platform';
import { leggeTutto } from '../security/authorization.js';

/** Operational roles see their office's rows; auditors, RPCT and administrators see every row. */
export function ambito(attore: Attore): AmbitoVisibilita {
  return leggeTutto(attore) ? {} : { ufficio: attore.ufficio };
}
