import type { Chiamante } from '../identity/identity-check.js';
import type { OperazionePcp } from '../pcp/operazioni.js';
import { ok, PROBLEM_TYPE, type RispostaPcp } from '../pcp/risposte.js';
import { cancellaAppalto, confermaAppalto, creaAppalto, modificaAppalto, verificaAppalto } from './comunica-appalto.js';
import type { Contesto, Richiesta } from './contesto.js';
import { consultaAppalto, esitoOperazione, recuperaCig, ricercaAppalto, statoAppalto } from './interrogazioni.js';
import { modificaAvviso, pubblicaAvviso, statoAvviso } from './pubblica-avviso.js';

export type Azione = (c: Contesto, chiamante: Chiamante, r: Richiesta) => RispostaPcp;

/** `/status` answers problem+json even on success, as ANAC's spec declares. */
export const rispostaStatus = (): RispostaPcp => ({ ...ok({}, 'Servizio attivo'), contentType: PROBLEM_TYPE });

/** Which function implements each PCP operation that requires an identity (all but `/status`). */
export const AZIONI: Readonly<Record<Exclude<OperazionePcp, 'status'>, Azione>> = {
  'crea-appalto': creaAppalto,
  'modifica-appalto': modificaAppalto,
  'cancella-appalto': cancellaAppalto,
  'verifica-appalto': verificaAppalto,
  'conferma-appalto': confermaAppalto,
  'consulta-appalto': consultaAppalto,
  'ricerca-appalto': ricercaAppalto,
  'recupera-cig': recuperaCig,
  'esito-operazione': esitoOperazione,
  'stato-appalto': statoAppalto,
  'pubblica-avviso': pubblicaAvviso,
  'modifica-avviso': modificaAvviso,
  'stato-avviso': statoAvviso,
};
