/**
 * Error codes of the simulated SIMOG and SmartCIG services. ANAC's codes of those services are
 * not in the reference, so these are the simulator's own (prefix LEG), each with an Italian text.
 */
export const ERRORI_LEGACY = {
  LEG01: 'servizio non disponibile alla data di riferimento',
  LEG02: 'gara non trovata',
  LEG03: 'CIG non trovato',
  LEG04: 'operazione non consentita nello stato del CIG',
  LEG05: 'importo oltre la soglia SmartCIG della fattispecie',
  LEG06: 'raggiunto il numero massimo di carnet attivi (2)',
  LEG07: 'dati di un carnet scaduto non comunicati entro 30 giorni: nessun nuovo carnet',
  LEG08: 'dati della richiesta non validi',
  LEG09: 'carnet non trovato',
  LEG10: 'la gara ha lotti non cancellati',
  LEG11: 'dal 01/01/2024 si perfezionano solo CIG di procedure pubblicate entro il 31/12/2023',
  LEG12: 'utente non autorizzato per la stazione appaltante',
  LEG13: 'autenticazione mancante',
} as const;
export type CodiceLegacy = keyof typeof ERRORI_LEGACY;

const STATUS: Partial<Record<CodiceLegacy, number>> = { LEG02: 404, LEG03: 404, LEG09: 404, LEG08: 400, LEG04: 409, LEG12: 403, LEG13: 401 };

export class ErroreLegacy extends Error {
  readonly status: number;
  constructor(readonly codice: CodiceLegacy, readonly dettaglio?: string) {
    super(`${codice}: ${ERRORI_LEGACY[codice]}${dettaglio ? ` (${dettaglio})` : ''}`);
    this.status = STATUS[codice] ?? 422;
  }
  corpo(): Record<string, unknown> {
    return { type: 'about:blank', title: 'KO', status: this.status, detail: ERRORI_LEGACY[this.codice], errori: [{ codice: this.codice, dettaglio: this.dettaglio ?? ERRORI_LEGACY[this.codice] }] };
  }
}
