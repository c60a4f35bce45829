import type { Decider, DecisionContext } from '../shared/decider.js';
import { regola } from '../shared/domain-error.js';
import { formatoItaliano, giornoItaliano } from '../regole/calendario-italiano.js';
import { verificaRegola } from '../regole/tabella-regole.js';
import { MASSIMO_CARNET_ATTIVI } from '../regole/limiti-carnet.js';
import type { RegistroCarnetEvent } from './events.js';

/**
 * The carnets of one RUP in one centro di costo (`registro-carnet-<CdC>-<CF>`). A new carnet is
 * decided here, on this stream's revision: two concurrent requests cannot both pass the checks
 * (the service also holds a lock while it asks ANAC, so the losing one never reaches ANAC).
 */
export interface CarnetRegistrato {
  readonly numero: string;
  readonly rilasciatoIl: string;
  readonly scadenzaIl: string;
  readonly termineRendicontazione: string;
}

export interface RegistroCarnet {
  readonly carnet: readonly CarnetRegistrato[];
}

export type RegistroCarnetCommand = { readonly type: 'RegistraCarnet' } & CarnetRegistrato;

export interface RegistroCarnetContext extends DecisionContext {
  /** Codes of that carnet still NON RENDICONTATO (from its own stream). */
  readonly nonRendicontati: (numero: string) => number;
}

const giorno = (iso: string) => formatoItaliano(giornoItaliano(new Date(iso)));

/**
 * Nota SMART CIG 2011: at most two carnets "attivi contemporaneamente"; no new carnet "se entro il termine di
 * 30 giorni dalla scadenza della validità del carnet non verranno comunicati i dati richiesti".
 */
export function verificaNuovoCarnet(r: RegistroCarnet, x: RegistroCarnetContext): void {
  verificaRegola('CARNET_SMARTCIG', x.now);
  const now = x.now.getTime();
  const attivi = r.carnet.filter((c) => Date.parse(c.scadenzaIl) > now);
  if (attivi.length >= MASSIMO_CARNET_ATTIVI) {
    throw regola(
      'MASSIMO_CARNET_ATTIVI',
      `Regola CARNET_SMARTCIG: al massimo ${MASSIMO_CARNET_ATTIVI} carnet attivi contemporaneamente per RUP e centro di costo (nota SMART CIG 2011); attivi: ${attivi.map((c) => `${c.numero} (scade il ${giorno(c.scadenzaIl)})`).join(', ')}`,
    );
  }
  const inRitardo = r.carnet.filter((c) => Date.parse(c.termineRendicontazione) <= now && x.nonRendicontati(c.numero) > 0);
  if (inRitardo.length > 0) {
    throw regola(
      'RENDICONTAZIONE_IN_RITARDO',
      `Regola CARNET_SMARTCIG: nessun nuovo carnet finché non sono comunicati i dati dei CIG dei carnet scaduti da oltre 30 giorni (nota SMART CIG 2011); da rendicontare: ` +
        inRitardo.map((c) => `${c.numero} (${x.nonRendicontati(c.numero)} CIG non rendicontati, termine ${giorno(c.termineRendicontazione)})`).join(', '),
    );
  }
}

function decide(c: RegistroCarnetCommand, r: RegistroCarnet, x: RegistroCarnetContext): RegistroCarnetEvent[] {
  if (r.carnet.some((k) => k.numero === c.numero)) return [];
  verificaNuovoCarnet(r, x);
  const { numero, rilasciatoIl, scadenzaIl, termineRendicontazione } = c;
  return [{ type: 'CarnetRegistrato', data: { numero, rilasciatoIl, scadenzaIl, termineRendicontazione, il: x.now.toISOString() } }];
}

function evolve(r: RegistroCarnet, e: RegistroCarnetEvent): RegistroCarnet {
  const { il: _il, ...carnet } = e.data;
  return { carnet: [...r.carnet, carnet] };
}

export const registroCarnetDecider: Decider<RegistroCarnetCommand, RegistroCarnetEvent, RegistroCarnet, RegistroCarnetContext> = {
  initialState: { carnet: [] },
  evolve,
  decide,
};
