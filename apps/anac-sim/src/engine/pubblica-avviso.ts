import type { Chiamante } from '../identity/identity-check.js';
import { PcpError } from '../pcp/errori.js';
import { ack, ok, type RispostaPcp } from '../pcp/risposte.js';
import { tipologica } from '../pcp/tipologiche.js';
import { validaScheda } from '../scheda/valida-scheda.js';
import type { AppaltoRecord, AvvisoRecord } from '../state/model.js';
import {
  adesso, appaltoDelChiamante, avviaOperazione, corpo, richiediStato, uuid, uuidFacoltativo, verificaProprietario,
  type Contesto, type Richiesta,
} from './contesto.js';

/** PubblicaAvviso operations (ANAC's interface specification, `specifiche-servizi-appalto.yaml`). */

/** The avviso must belong to the appalto: ERR49 when it belongs to another one, ERR22 when unknown. */
function avvisoDellAppalto(c: Contesto, appalto: AppaltoRecord, idAvviso: string): AvvisoRecord {
  const avviso = appalto.avvisi.find((a) => a.idAvviso === idAvviso);
  if (avviso) return avviso;
  if (c.store.appalti().some((a) => a.avvisi.some((v) => v.idAvviso === idAvviso))) throw PcpError.di('ERR49');
  throw PcpError.di('ERR22');
}

/** "A seguito della chiamata a questo servizio, l'avviso transita in stato IN ATTESA PUBBLICAZIONE". */
export function pubblicaAvviso(c: Contesto, chiamante: Chiamante, r: Richiesta): RispostaPcp {
  const body = corpo(r, ['idAvviso', 'idAppalto']);
  const idAvviso = uuid(body.idAvviso, 'ERR28', 'idAvviso');
  const appalto = appaltoDelChiamante(c, uuid(body.idAppalto, 'ERR26', 'idAppalto'), chiamante);
  const avviso = avvisoDellAppalto(c, appalto, idAvviso);
  if (avviso.stato === 'IN_ATT_PUBB') throw PcpError.di('ERR44');
  richiediStato(appalto, 'CONF');
  if (avviso.stato !== 'CREATO') throw PcpError.di('ERR50', `stato dell'avviso ${avviso.stato}`);
  appalto.stato = 'IN_ATT_PUBB';
  avviso.stato = 'IN_ATT_PUBB';
  avviso.dataControllo = adesso(c);
  avviaOperazione(c, appalto, 'AV_PUBB', { errori: c.faults.takeKo('AV_PUBB', appalto.codiceAppalto) ?? [], idAvviso });
  c.store.commit();
  return ack();
}

/**
 * Replaces an avviso not yet published (or refused by the publisher). The CIGs of every lot are
 * regenerated when the operation completes (see avanzamento.ts); the appalto stays IN_ATT_PUBB.
 */
export function modificaAvviso(c: Contesto, chiamante: Chiamante, r: Richiesta): RispostaPcp {
  const body = corpo(r, ['idAvviso', 'idAppalto', 'idPianificazione', 'scheda']);
  const idAvviso = uuid(body.idAvviso, 'ERR28', 'idAvviso');
  if (body.idAppalto === undefined && uuidFacoltativo(body.idPianificazione, 'idPianificazione')) {
    throw PcpError.di('ERR21', 'il simulatore non gestisce la pianificazione');
  }
  const appalto = appaltoDelChiamante(c, uuid(body.idAppalto, 'ERR26', 'idAppalto'), chiamante);
  const avviso = avvisoDellAppalto(c, appalto, idAvviso);
  if (avviso.stato !== 'IN_ATT_PUBB' && avviso.stato !== 'NON_PUBB') throw PcpError.di('ERR50', `stato dell'avviso ${avviso.stato}`);
  if (appalto.inCorso.some((o) => o.tipoOperazione === 'AV_MOD')) throw PcpError.di('ERR50', "una modifica dell'avviso è già in corso");
  richiediStato(appalto, 'IN_ATT_PUBB');
  if (body.scheda === undefined) throw PcpError.di('ERR4', 'scheda obbligatoria');
  const letta = validaScheda(body.scheda, chiamante.sa);
  if (letta.codice !== appalto.scheda.codice) throw PcpError.di('ERR2', `scheda ${letta.codice} al posto di ${appalto.scheda.codice}`);
  if (letta.codiceAppalto !== appalto.codiceAppalto) throw PcpError.di('ERR73');
  avviaOperazione(c, appalto, 'AV_MOD', { errori: [], idAvviso, nuovaScheda: { codice: letta.codice, versione: letta.versione, body: letta.body } });
  c.store.commit();
  return ack();
}

export function statoAvviso(c: Contesto, chiamante: Chiamante, r: Richiesta): RispostaPcp {
  const idAvviso = uuid(r.query.idAvviso, 'ERR28', 'idAvviso');
  const appalto = c.store.appalti().find((a) => a.avvisi.some((v) => v.idAvviso === idAvviso));
  if (!appalto) throw PcpError.di('ERR22');
  verificaProprietario(appalto, chiamante);
  const avviso = appalto.avvisi.find((v) => v.idAvviso === idAvviso)!;
  return ok(
    { statoAvviso: { idAvviso, idAppalto: appalto.idAppalto, dataControllo: adesso(c), stato: tipologica('statoAvviso', avviso.stato) } },
    'Operazione Effettuata',
  );
}
