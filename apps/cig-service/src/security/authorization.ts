import { LEGGONO_TUTTO, POLITICA, type Azione } from './policy.js';
import type { Attore } from '#platform';

/** A denied action: 403, and nothing was written. */
export class OperazioneNonConsentita extends Error {
  readonly code = 'OPERAZIONE_NON_CONSENTITA';
  readonly kind = 'forbidden';
  constructor(message: string) {
    super(message);
    this.name = 'OperazioneNonConsentita';
  }
}

export function haRuoloPer(attore: Attore, azione: Azione): boolean {
  return attore.ruoli.some((ruolo) => (POLITICA[azione].ruoli as readonly string[]).includes(ruolo));
}

/** Role check of the policy; the guard calls it for every request. */
export function autorizzaRuolo(attore: Attore, azione: Azione): void {
  if (!haRuoloPer(attore, azione)) {
    throw new OperazioneNonConsentita(`Il tuo profilo (${attore.ruoli.join(', ')}) non consente: ${azione}`);
  }
}

/** True when the caller reads every office (auditors, RPCT, administrators). */
export function leggeTutto(attore: Attore): boolean {
  return attore.ruoli.some((ruolo) => LEGGONO_TUTTO.includes(ruolo));
}

/**
 * Scope check of the policy on a resource of `ufficio`: operational roles act only on their
 * office's requests; oversight roles read everything but change nothing.
 */
export function autorizzaSuUfficio(attore: Attore, azione: Azione, ufficio: string): void {
  autorizzaRuolo(attore, azione);
  if (POLITICA[azione].ambito === 'tutto' || attore.ufficio === ufficio) return;
  const sololettura = azione.endsWith('.leggi');
  if (sololettura && leggeTutto(attore)) return;
  throw new OperazioneNonConsentita("La richiesta appartiene a un altro ufficio: puoi operare solo sulle richieste del tuo ufficio");
}
