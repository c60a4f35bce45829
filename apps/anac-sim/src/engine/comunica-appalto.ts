import type { Chiamante } from '../identity/identity-check.js';
import { PcpError } from '../pcp/errori.js';
import { ack, effettuata, type RispostaPcp } from '../pcp/risposte.js';
import { regoleDiConferma } from '../scheda/regole-conferma.js';
import { erroriRegoleAnac } from '../scheda/regole-dmn.js';
import { validaScheda } from '../scheda/valida-scheda.js';
import type { AppaltoRecord } from '../state/model.js';
import {
  adesso, aggiungiEsito, appaltoDelChiamante, avviaOperazione, corpo, lottiDaScheda, richiediStato,
  rifiutaSeInCorso, rileggiScheda, uuid, type Contesto, type Richiesta,
} from './contesto.js';

/** ComunicaAppalto write operations (ANAC's interface specification, `specifiche-servizi-appalto.yaml`). */

export function creaAppalto(c: Contesto, chiamante: Chiamante, r: Richiesta): RispostaPcp {
  const body = corpo(r, ['scheda']);
  if (body.scheda === undefined) throw PcpError.di('ERR4', 'scheda obbligatoria');
  const letta = validaScheda(body.scheda, chiamante.sa);
  // codiceAppalto is the SA's key: a second crea with it is refused, which is how a client
  // learns that its earlier, unanswered crea did create the appalto.
  if (c.store.appalti().some((a) => a.saCodiceAusa === chiamante.sa.codiceAusa && a.codiceAppalto === letta.codiceAppalto)) {
    throw PcpError.di('ERR38', `codiceAppalto ${letta.codiceAppalto}`);
  }
  const ora = adesso(c);
  const appalto: AppaltoRecord = {
    idAppalto: c.ids.uuid(),
    codiceAppalto: letta.codiceAppalto,
    saCodiceAusa: chiamante.sa.codiceAusa,
    saCodiceFiscale: chiamante.sa.codiceFiscale,
    rupCodiceFiscale: chiamante.userCodiceFiscale,
    dataCreazione: ora,
    stato: 'IN_LAV',
    oggetto: letta.oggetto,
    scheda: { idScheda: c.ids.uuid(), codice: letta.codice, versione: letta.versione, body: letta.body, stato: 'IN_LAV', dataCreazione: ora },
    schedePrecedenti: [],
    lotti: lottiDaScheda(letta),
    avvisi: [],
    esiti: [],
    inCorso: [],
  };
  aggiungiEsito(c, appalto, { tipoOperazione: 'AP_CREA', esito: 'OK', dettaglio: 'AP_CRE' });
  c.store.aggiungi(appalto);
  c.store.commit();
  return effettuata('Creazione eseguita con successo', { idAppalto: appalto.idAppalto });
}

/** Replaces the whole draft ("sostituire integralmente la precedente istanza"); IN_LAV only. */
export function modificaAppalto(c: Contesto, chiamante: Chiamante, r: Richiesta): RispostaPcp {
  const body = corpo(r, ['idAppalto', 'scheda']);
  const appalto = appaltoDelChiamante(c, uuid(body.idAppalto, 'ERR26', 'idAppalto'), chiamante);
  rifiutaSeInCorso(appalto);
  richiediStato(appalto, 'IN_LAV');
  if (body.scheda === undefined) throw PcpError.di('ERR4', 'scheda obbligatoria');
  const letta = validaScheda(body.scheda, chiamante.sa);
  if (letta.codice !== appalto.scheda.codice) throw PcpError.di('ERR2', `scheda ${letta.codice} al posto di ${appalto.scheda.codice}`);
  if (letta.codiceAppalto !== appalto.codiceAppalto) throw PcpError.di('ERR73');
  appalto.scheda.stato = 'MOD';
  appalto.schedePrecedenti.push(appalto.scheda);
  appalto.scheda = { idScheda: c.ids.uuid(), codice: letta.codice, versione: letta.versione, body: letta.body, stato: 'IN_LAV', dataCreazione: adesso(c) };
  appalto.oggetto = letta.oggetto;
  appalto.lotti = lottiDaScheda(letta);
  aggiungiEsito(c, appalto, { tipoOperazione: 'AP_MOD', esito: 'OK', dettaglio: 'AP_MOD' });
  c.store.commit();
  return effettuata('Modifica eseguita con successo', { idAppalto: appalto.idAppalto });
}

/** Logical deletion, allowed "qualora lo stato dell'Appalto sia IN LAVORAZIONE o CONFERMATO". */
export function cancellaAppalto(c: Contesto, chiamante: Chiamante, r: Richiesta): RispostaPcp {
  const body = corpo(r, ['idAppalto', 'motivo']);
  const appalto = appaltoDelChiamante(c, uuid(body.idAppalto, 'ERR26', 'idAppalto'), chiamante);
  if (body.motivo !== undefined && (typeof body.motivo !== 'string' || body.motivo.length > 200)) {
    throw PcpError.di('SEC03', 'motivo: testo di al massimo 200 caratteri');
  }
  rifiutaSeInCorso(appalto);
  richiediStato(appalto, 'IN_LAV', 'CONF');
  appalto.stato = 'CANC';
  appalto.scheda.stato = 'CANC';
  for (const avviso of appalto.avvisi) if (avviso.stato === 'CREATO') avviso.stato = 'CANC';
  aggiungiEsito(c, appalto, { tipoOperazione: 'AP_CANC', esito: 'OK', dettaglio: 'AP_CANC' });
  c.store.commit();
  return effettuata('Cancellazione eseguita con successo');
}

/** Validates the last draft; the outcome (AP_VERIF) comes later, the state does not change. */
export function verificaAppalto(c: Contesto, chiamante: Chiamante, r: Richiesta): RispostaPcp {
  return avviaValidazione(c, chiamante, r, 'AP_VERIF');
}

/** Validates and, on success, assigns the CIGs (AP_CONF). */
export function confermaAppalto(c: Contesto, chiamante: Chiamante, r: Richiesta): RispostaPcp {
  return avviaValidazione(c, chiamante, r, 'AP_CONF');
}

function avviaValidazione(c: Contesto, chiamante: Chiamante, r: Richiesta, tipo: 'AP_VERIF' | 'AP_CONF'): RispostaPcp {
  const body = corpo(r, ['idAppalto']);
  const appalto = appaltoDelChiamante(c, uuid(body.idAppalto, 'ERR26', 'idAppalto'), chiamante);
  rifiutaSeInCorso(appalto);
  richiediStato(appalto, 'IN_LAV');
  const programmati = c.faults.takeKo(tipo, appalto.codiceAppalto) ?? [];
  const regole = regoleDiConferma(rileggiScheda(appalto, appalto.scheda), c.clock.now());
  const dmn = c.regoleAnac ? erroriRegoleAnac(c.regoleAnac, appalto.scheda, regole) : [];
  avviaOperazione(c, appalto, tipo, { errori: [...programmati, ...regole, ...dmn] });
  c.store.commit();
  return ack();
}
