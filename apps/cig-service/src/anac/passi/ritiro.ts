import type { AppaltoEsistente } from '#domain';
import type { Passo, Pratica } from '../pratiche.store.js';
import type { EsitoPasso } from './esito-passo.js';

/**
 * Steps of the conferma at which it has not reached ANAC yet (after an interruption the step is
 * the reconciling one, see `passoDopoInterruzione`): AVVIO and CREA (nothing sent, or what was
 * sent is looked for first by RICONCILIA_CREA), MODIFICA (replacing the draft changes nothing
 * that matters), CONFERMA (its call is about to be made).
 */
const PRIMA_DELLA_CONFERMA: ReadonlySet<Passo> = new Set(['AVVIO', 'CREA', 'MODIFICA', 'CONFERMA']);

/**
 * A withdrawn request (RitiroRichiesto) whose conferma has not reached ANAC is simply not sent:
 * the practice ends and the appalto records it (`RegistraRitiro`: cancelled here, or at ANAC with
 * cancella-appalto when ANAC already holds the draft). Once the conferma was sent, the steps go
 * on: ANAC refuses a cancellation while a conferma runs (ERR18), and the appalto asks for it
 * itself when the esito is recorded.
 */
export function ritiroPrimaDellInvio(pratica: Pratica, appalto: AppaltoEsistente, passo: Passo): EsitoPasso | undefined {
  if (pratica.operazione !== 'CONFERMA' || !appalto.ritiro || !PRIMA_DELLA_CONFERMA.has(passo)) return undefined;
  return { tipo: 'fine', stato: 'RITIRATA', comandi: [{ type: 'RegistraRitiro' }] };
}
