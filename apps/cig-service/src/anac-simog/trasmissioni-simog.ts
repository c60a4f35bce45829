import { Inject, Injectable } from '@nestjs/common';
import { StreamNotFoundError, type EventStore } from '#event-store';
import { trasmissioniSimogStream, type TrasmissioneSimogEvent } from '#domain';
import { EVENT_STORE } from '../infrastructure/tokens.js';

/** LOG TRASMISSIONI of a SIMOG gara, a SmartCIG or a carnet, read from its stream (newest first). */
@Injectable()
export class TrasmissioniSimog {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async elenco(riferimento: string) {
    let eventi: Awaited<ReturnType<EventStore['readStream']>> = [];
    try {
      eventi = await this.store.readStream(trasmissioniSimogStream(riferimento));
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return eventi.map((e) => {
      const { servizio, perContoDi, chiamata: c } = (e as unknown as TrasmissioneSimogEvent).data;
      return {
        dataTrasmissione: c.inizio, servizio, contesto: c.contesto, messaggio: c.esito, descrizione: c.descrizione, operazione: c.operazione,
        httpStatus: c.httpStatus ?? null, requestId: c.requestId, durataMs: c.durataMs, perContoDi, errori: c.errori, richiesta: c.richiesta, risposta: c.risposta,
      };
    }).reverse();
  }
}

/** A row of the LOG TRASMISSIONI. */
export type TrasmissioneSimog = Awaited<ReturnType<TrasmissioniSimog['elenco']>>[number];
