import type { DomainEvent } from '../shared/decider.js';
import type { ChiamataAnac } from '../pratica-anac/events.js';

/**
 * Every exchange with SIMOG and SmartCIG, as the transmission log keeps it (manuale START Richiedi CIG, LOG
 * TRASMISSIONI): one stream per thing the calls were about (`trasmissioni-simog-<id>`: the gara's
 * uuid, the SmartCIG code, the carnet's request id), so that the log replays like any event.
 */
export const trasmissioniSimogStream = (riferimento: string): string => `trasmissioni-simog-${riferimento.replace('/', '-')}`;

export type TrasmissioneSimogEvent = DomainEvent<'TrasmissioneSimogEseguita', {
  readonly riferimento: string;
  readonly servizio: 'SIMOG' | 'SMARTCIG';
  /** Codice fiscale of the RUP on whose behalf the call was made. */
  readonly perContoDi: string;
  /** The user whose command made the call (the event itself is written by the service). */
  readonly richiestaDa?: string;
  readonly chiamata: ChiamataAnac;
}>;
