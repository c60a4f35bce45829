import { carnetDecider, carnetStream, fold, type CarnetEsistente, type CarnetEvent } from '#domain';
import type { EventStore, RecordedEvent, SqlExecutor } from '#event-store';
import { istante, leggi, vista, type OpzioniStoria } from './storia-cig.js';

/** How the carnet's detail labels its codes (the SmartCIG pages: "CIG NON RENDICONTATO", "CIG COMUNICATO"). */
const ETICHETTA: Readonly<Record<string, string>> = { NON_RENDICONTATO: 'CIG NON RENDICONTATO', COMUNICATO: 'CIG COMUNICATO', ANNULLATO: 'CIG ANNULLATO' };

/**
 * The carnet a SmartCIG code belongs to (its codes live in the carnet's stream, not in one of
 * their own), from the carnet read model; undefined when no carnet issued it.
 */
export async function numeroCarnetDelCig(db: SqlExecutor, cig: string): Promise<string | undefined> {
  const { rows } = await db.query<{ numero: string }>('SELECT numero FROM rm_carnet_cig WHERE cig = $1 LIMIT 1', [cig]);
  return rows[0]?.numero;
}

/** One code of a carnet as `GET /cig/:cig` answers for every regime: what it is, where it stands, whose it is. */
export function vistaCigDelCarnet(k: CarnetEsistente, cig: string) {
  const c = k.codici[cig];
  if (!c) return undefined;
  return {
    cig,
    regime: 'SMARTCIG' as const,
    modalita: 'CARNET' as const,
    stato: c.stato,
    descrizioneStato: ETICHETTA[c.stato],
    ...(c.dati ? { dati: c.dati } : {}),
    ...(c.il ? { rendicontatoIl: c.il } : {}),
    tardiva: c.tardiva ?? false,
    carnet: { numero: k.numero, stato: k.stato, rilasciatoIl: k.rilasciatoIl, scadenzaIl: k.scadenzaIl, termineRendicontazione: k.termineRendicontazione },
    richiesta: { stazioneAppaltante: k.stazioneAppaltante, centroDiCosto: k.centroDiCosto, ufficio: k.ufficio, rup: k.rup, richiestoDa: k.richiestoDa },
  };
}

/**
 * The history of a carnet code as of a date, as `storiaCig` gives it for codes with a stream of
 * their own: the carnet's events that concern the code (its release, its communication or
 * annulment, the carnet's expiry and reporting term), and the code's state folded up to the
 * instant. The office is the carnet's. Undefined when the carnet does not hold the code.
 */
export async function storiaCigDelCarnet(store: EventStore, numero: string, cig: string, opzioni: OpzioniStoria = {}) {
  const base = opzioni.base ?? 'effettiva';
  const tutti = await leggi(store, carnetStream(numero));
  const attuale = fold(carnetDecider, tutti.map(evento));
  if (!attuale.esiste || !attuale.codici[cig]) return undefined;
  const entro = (e: RecordedEvent) => opzioni.asOf === undefined || Date.parse(istante(e, base)) <= opzioni.asOf.getTime();
  const riguarda = (e: RecordedEvent) => riguardaIlCodice(evento(e), cig);
  const allora = fold(carnetDecider, tutti.filter(entro).map(evento));
  const eventi = tutti.filter((e) => entro(e) && riguarda(e)).map((e) => vista('carnet', e));
  return {
    cig,
    asOf: opzioni.asOf?.toISOString() ?? null,
    base,
    appaltoId: null,
    lotIdentifier: null,
    numeroCarnet: numero,
    /** The carnet's office: who may read this history. */
    ufficio: attuale.ufficio,
    stato: { cig: allora.esiste ? (vistaCigDelCarnet(allora, cig) ?? null) : null, appalto: null, lotto: null },
    eventi,
    eventiSuccessivi: tutti.filter((e) => !entro(e) && riguarda(e)).length,
  };
}

const evento = (e: RecordedEvent) => ({ type: e.type, data: e.data }) as CarnetEvent;

function riguardaIlCodice(e: CarnetEvent, cig: string): boolean {
  switch (e.type) {
    case 'CarnetRilasciato':
      return e.data.codici.includes(cig);
    case 'CigDelCarnetComunicato':
    case 'CigDelCarnetAnnullato':
      return e.data.cig === cig;
    case 'RendicontazioneScaduta':
      return e.data.nonRendicontati.includes(cig);
    case 'CarnetScaduto':
      return true;
    case 'CarnetRichiesto':
      return false;
    default: {
      const _: never = e;
      return false;
    }
  }
}
