import type { Chiamante } from '../identity/identity-check.js';
import { PcpError } from '../pcp/errori.js';
import { ok, type RispostaPcp } from '../pcp/risposte.js';
import { ESITI, isTipoOperazione, STATI_APPALTO, TIPI_RICERCA, tipologica, type StatoAppalto } from '../pcp/tipologiche.js';
import type { AppaltoRecord, LottoRecord } from '../state/model.js';
import { adesso, appaltoDelChiamante, uuid, uuidFacoltativo, verificaProprietario, type Contesto, type Richiesta } from './contesto.js';
import { leggiPaginazione, pagina, vistaAppalto, vistaEsito, vistaScheda } from './viste.js';

/** The synchronous queries of ComunicaAppalto and ServiziComuni (ANAC's interface specification, `specifiche-servizi-appalto.yaml`). */

/** A query parameter given once; a repeated parameter is a malformed filter. */
function parametro(query: Readonly<Record<string, unknown>>, nome: string): string | undefined {
  const v = query[nome];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw PcpError.di('AUT11', `${nome} ripetuto`);
  return v;
}

function lottoPerCig(c: Contesto, cig: string): { appalto: AppaltoRecord; lotto: LottoRecord } | undefined {
  for (const appalto of c.store.appalti()) {
    const lotto = appalto.lotti.find((l) => l.cig === cig);
    if (lotto) return { appalto, lotto };
  }
  return undefined;
}

export function esitoOperazione(c: Contesto, chiamante: Chiamante, r: Richiesta): RispostaPcp {
  const tipoOperazione = parametro(r.query, 'tipoOperazione');
  const tipoRicerca = parametro(r.query, 'tipoRicerca');
  const esito = parametro(r.query, 'esito');
  if (!tipoOperazione || !tipoRicerca) throw PcpError.di('ERR34', 'tipoOperazione e tipoRicerca sono obbligatori');
  if (!isTipoOperazione(tipoOperazione)) throw PcpError.di('ERR63', `tipoOperazione ${tipoOperazione}`);
  if (!(TIPI_RICERCA as readonly string[]).includes(tipoRicerca)) throw PcpError.di('ERR63', `tipoRicerca ${tipoRicerca}`);
  if (esito !== undefined && !(ESITI as readonly string[]).includes(esito)) throw PcpError.di('ERR63', `esito ${esito}`);
  const idPianificazione = uuidFacoltativo(parametro(r.query, 'idPianificazione'), 'idPianificazione');
  const idAppaltoGrezzo = parametro(r.query, 'idAppalto');
  if ((idAppaltoGrezzo === undefined) === (idPianificazione === undefined)) throw PcpError.di('ERR92');
  if (idPianificazione) throw PcpError.di('ERR21', 'il simulatore non gestisce la pianificazione');
  const appalto = appaltoDelChiamante(c, uuid(idAppaltoGrezzo, 'ERR26', 'idAppalto'), chiamante);

  if (c.faults.takeEmptyEsiti(tipoOperazione)) return ok({ listaEsiti: [] }, 'Esecuzione avvenuta con successo');
  // TUTTI_ESITI: "ordinati per data creazione decrescente"; ULTIMO_ESITO: the newest only.
  const scelti = appalto.esiti
    .map((e, indice) => ({ e, indice }))
    .filter(({ e }) => e.tipoOperazione === tipoOperazione && (esito === undefined || e.esito === esito))
    .reverse()
    .slice(0, tipoRicerca === 'ULTIMO_ESITO' ? 1 : undefined);
  // A poll that shows a running operation as WT counts towards its "stay WT for N polls".
  let contati = false;
  for (const op of appalto.inCorso) {
    if (scelti.some((s) => s.indice === op.esito)) {
      op.pollsVisti += 1;
      contati = true;
    }
  }
  if (contati) c.store.commit();
  return ok({ listaEsiti: scelti.map(({ e }) => vistaEsito(appalto, e)) }, 'Esecuzione avvenuta con successo');
}

/** State of an appalto (by idAppalto) or of a lot (by cig); a CIG replaced by modifica-avviso is CANC. */
export function statoAppalto(c: Contesto, chiamante: Chiamante, r: Richiesta): RispostaPcp {
  const idAppalto = parametro(r.query, 'idAppalto');
  const cig = parametro(r.query, 'cig');
  const idContratto = parametro(r.query, 'idContratto');
  if ([idAppalto, cig, idContratto].filter((v) => v !== undefined).length !== 1) throw PcpError.di('AUT04');
  const dataControllo = adesso(c);
  if (idContratto !== undefined) {
    uuidFacoltativo(idContratto, 'idContratto');
    throw PcpError.di('ERR39', 'il simulatore non gestisce i contratti');
  }
  if (idAppalto !== undefined) {
    const appalto = appaltoDelChiamante(c, uuid(idAppalto, 'ERR26', 'idAppalto'), chiamante, 'AUT02');
    return ok({ esitoStato: { idAppalto: appalto.idAppalto, dataControllo, stato: tipologica('statoAppalto', appalto.stato) } });
  }
  const trovato = lottoPerCig(c, cig!);
  if (trovato) {
    verificaProprietario(trovato.appalto, chiamante);
    return ok({ esitoStato: { cig, dataControllo, stato: tipologica('statoLotto', trovato.appalto.stato) } });
  }
  const sostituito = c.store.cigSostituito(cig!);
  if (!sostituito) throw PcpError.di('AUT03');
  verificaProprietario(c.store.appalto(sostituito.idAppalto)!, chiamante);
  return ok({ esitoStato: { cig, dataControllo, stato: tipologica('statoLotto', 'CANC') } });
}

/** lotIdentifier → CIG pairs; from CONF onwards ("dovrà essere CONFERMATO"), paged by at most 20. */
export function recuperaCig(c: Contesto, chiamante: Chiamante, r: Richiesta): RispostaPcp {
  const appalto = appaltoDelChiamante(c, uuid(parametro(r.query, 'idAppalto'), 'ERR26', 'idAppalto'), chiamante);
  const paginazione = leggiPaginazione(r.query);
  if (!['CONF', 'IN_ATT_PUBB', 'IN_STOP_PUBB', 'PUBB'].includes(appalto.stato)) throw PcpError.di('ERR16', `stato dell'appalto ${appalto.stato}`);
  const coppie = appalto.lotti.filter((l) => l.cig).map((l) => ({ cig: l.cig!, lotIdentifier: l.lotIdentifier }));
  return ok(pagina(coppie, paginazione));
}

export function consultaAppalto(c: Contesto, chiamante: Chiamante, r: Richiesta): RispostaPcp {
  const idAppalto = parametro(r.query, 'idAppalto');
  const cig = parametro(r.query, 'cig');
  if ((idAppalto === undefined) === (cig === undefined)) throw PcpError.di('AUT04');
  let appalto: AppaltoRecord;
  if (idAppalto !== undefined) {
    appalto = appaltoDelChiamante(c, uuid(idAppalto, 'ERR26', 'idAppalto'), chiamante);
  } else {
    const trovato = lottoPerCig(c, cig!);
    if (!trovato) throw PcpError.di('AUT03');
    verificaProprietario(trovato.appalto, chiamante);
    appalto = trovato.appalto;
  }
  return ok({ appalto: { idAppalto: appalto.idAppalto, scheda: vistaScheda(appalto.scheda) } });
}

/** Search within the caller's SA; at least one filter, with ANAC's combination rules (ERR34). */
export function ricercaAppalto(c: Contesto, chiamante: Chiamante, r: Richiesta): RispostaPcp {
  const codiceAppalto = parametro(r.query, 'codiceAppalto');
  const cig = parametro(r.query, 'cig');
  const lotIdentifier = parametro(r.query, 'lotIdentifier');
  const stato = parametro(r.query, 'stato');
  const da = data(parametro(r.query, 'dataCreazioneDa'), 'dataCreazioneDa');
  const a = data(parametro(r.query, 'dataCreazioneA'), 'dataCreazioneA');
  const paginazione = leggiPaginazione(r.query);
  if (codiceAppalto !== undefined && codiceAppalto.length > 64) throw PcpError.di('AUT11', 'codiceAppalto: massimo 64 caratteri');
  if ([codiceAppalto, cig, lotIdentifier, stato, da, a].every((v) => v === undefined)) throw PcpError.di('ERR34', 'almeno un filtro di ricerca');
  if (lotIdentifier !== undefined && codiceAppalto === undefined && cig === undefined) throw PcpError.di('ERR34', 'lotIdentifier richiede codiceAppalto o cig');
  if (stato !== undefined && [codiceAppalto, cig, lotIdentifier, da, a].every((v) => v === undefined)) throw PcpError.di('ERR34', 'stato richiede un altro filtro');
  if (stato !== undefined && !(STATI_APPALTO as readonly string[]).includes(stato)) throw PcpError.di('ERR63', `stato ${stato}`);
  if (da !== undefined && a !== undefined && da > a) throw PcpError.di('AUT08');

  const risultati = c.store.appalti()
    .filter((x) => x.saCodiceAusa === chiamante.sa.codiceAusa)
    .filter((x) => codiceAppalto === undefined || x.codiceAppalto === codiceAppalto)
    .filter((x) => stato === undefined || x.stato === (stato as StatoAppalto))
    .filter((x) => da === undefined || Date.parse(x.dataCreazione) >= da)
    .filter((x) => a === undefined || Date.parse(x.dataCreazione) <= a)
    .map((x) => ({ appalto: x, lotti: x.lotti.filter((l) => (cig === undefined || l.cig === cig) && (lotIdentifier === undefined || l.lotIdentifier === lotIdentifier)) }))
    .filter((x) => (cig === undefined && lotIdentifier === undefined) || x.lotti.length > 0)
    .map((x) => vistaAppalto(x.appalto, x.lotti));
  return ok(pagina(risultati, paginazione));
}

function data(v: string | undefined, nome: string): number | undefined {
  if (v === undefined) return undefined;
  const istante = /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(istante)) throw PcpError.di('AUT09', `${nome}: ${v}`);
  return istante;
}
