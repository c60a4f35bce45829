import { DETTAGLI } from '../pcp/tipologiche.js';
import type { AppaltoRecord, OperazioneInCorso } from '../state/model.js';
import { adesso, avviaOperazione, lottiDaScheda, rileggiScheda, type Contesto } from './contesto.js';

/**
 * Asynchronous operations complete lazily: before each call (and each admin read) every
 * acknowledged operation whose wait is over gets its final esito. No timers, so a test that
 * drives the injected clock decides exactly when an esito turns from WT to OK/KO.
 */
export function avanza(c: Contesto): void {
  const ora = c.clock.now().getTime();
  let cambiato = false;
  for (const appalto of c.store.appalti()) {
    for (const op of [...appalto.inCorso]) {
      if (!appalto.inCorso.includes(op) || !pronta(appalto, op, ora)) continue;
      completa(c, appalto, op);
      cambiato = true;
    }
  }
  if (cambiato) c.store.commit();
}

function pronta(appalto: AppaltoRecord, op: OperazioneInCorso, ora: number): boolean {
  // A publication waits for a running modifica-avviso: it will publish the replacement avviso.
  if (op.tipoOperazione === 'AV_PUBB' && appalto.inCorso.some((o) => o.tipoOperazione === 'AV_MOD')) return false;
  return ora - op.avviataIlMs >= op.attesaMs && op.pollsVisti >= op.pollsRichiesti;
}

function completa(c: Contesto, appalto: AppaltoRecord, op: OperazioneInCorso): void {
  appalto.inCorso = appalto.inCorso.filter((o) => o !== op);
  const esito = appalto.esiti[op.esito];
  esito.dataControllo = adesso(c);
  if (op.errori.length) {
    esito.esito = 'KO';
    esito.dettaglio = DETTAGLI[op.tipoOperazione].KO;
    esito.errori = op.errori;
    if (op.tipoOperazione === 'AV_PUBB') avviso(appalto, op.idAvviso).stato = 'NON_PUBB';
    return;
  }
  esito.esito = 'OK';
  esito.dettaglio = DETTAGLI[op.tipoOperazione].OK;
  switch (op.tipoOperazione) {
    case 'AP_VERIF':
      return;
    case 'AP_CONF':
      return confermato(c, appalto, esito);
    case 'AV_PUBB':
      avviso(appalto, op.idAvviso).stato = 'PUBB';
      appalto.stato = 'PUBB';
      return;
    case 'AV_MOD':
      return avvisoModificato(c, appalto, op, esito);
  }
}

/** conferma OK: one new CIG per lot, the scheda confirmed, an avviso to publish (ANAC's interface specification, `specifiche-servizi-appalto.yaml`). */
function confermato(c: Contesto, appalto: AppaltoRecord, esito: AppaltoRecord['esiti'][number]): void {
  appalto.stato = 'CONF';
  appalto.scheda.stato = 'CONF';
  for (const lotto of appalto.lotti) lotto.cig = c.store.nuovoCig();
  const ora = adesso(c);
  const idAvviso = c.ids.uuid();
  appalto.avvisi.push({ idAvviso, stato: 'CREATO', dataCreazione: ora, dataControllo: ora });
  esito.idAvviso = idAvviso;
  esito.idScheda = appalto.scheda.idScheda;
}

/**
 * modifica-avviso OK: a new avviso and scheda replace the old ones and "L'invocazione del servizio
 * determina la rigenerazione e sostituzione dei codici CIG per ogni lotto" (ANAC, modifica-avviso).
 * The replaced codes are remembered, never reissued. The appalto stays IN_ATT_PUBB and the
 * publication restarts for the new avviso.
 */
function avvisoModificato(c: Contesto, appalto: AppaltoRecord, op: OperazioneInCorso, esito: AppaltoRecord['esiti'][number]): void {
  const ora = adesso(c);
  const vecchio = avviso(appalto, op.idAvviso);
  vecchio.stato = 'MOD';
  const nuovoAvviso = { idAvviso: c.ids.uuid(), stato: 'IN_ATT_PUBB' as const, dataCreazione: ora, dataControllo: ora };
  appalto.avvisi.push(nuovoAvviso);

  const nuova = op.nuovaScheda!;
  const letta = rileggiScheda(appalto, nuova);
  appalto.scheda.stato = 'MOD';
  appalto.schedePrecedenti.push(appalto.scheda);
  appalto.scheda = { idScheda: c.ids.uuid(), codice: nuova.codice, versione: nuova.versione, body: nuova.body, stato: 'CONF', dataCreazione: ora };
  appalto.oggetto = letta.oggetto;

  const precedenti = appalto.lotti;
  appalto.lotti = lottiDaScheda(letta).map((l) => ({ ...l, cig: c.store.nuovoCig() }));
  for (const lotto of precedenti) {
    if (!lotto.cig) continue;
    const erede = appalto.lotti.find((l) => l.lotIdentifier === lotto.lotIdentifier)?.cig ?? '';
    c.store.sostituisciCig({ cig: lotto.cig, idAppalto: appalto.idAppalto, lotIdentifier: lotto.lotIdentifier, sostituitoIl: ora, sostituitoDa: erede });
  }

  Object.assign(esito, {
    idAvviso: vecchio.idAvviso, idNuovoAvviso: nuovoAvviso.idAvviso,
    idNuovaScheda: appalto.scheda.idScheda, codiceNuovaScheda: appalto.scheda.codice,
  });

  const pubblicazione = appalto.inCorso.find((o) => o.tipoOperazione === 'AV_PUBB');
  if (pubblicazione) {
    pubblicazione.idAvviso = nuovoAvviso.idAvviso;
    pubblicazione.avviataIlMs = c.clock.now().getTime();
    pubblicazione.pollsVisti = 0;
    appalto.esiti[pubblicazione.esito].idAvviso = nuovoAvviso.idAvviso;
  } else {
    avviaOperazione(c, appalto, 'AV_PUBB', { errori: [], idAvviso: nuovoAvviso.idAvviso });
  }
}

function avviso(appalto: AppaltoRecord, idAvviso: string | undefined) {
  const trovato = appalto.avvisi.find((a) => a.idAvviso === idAvviso);
  if (!trovato) throw new Error(`avviso ${String(idAvviso)} assente dall'appalto ${appalto.idAppalto}`);
  return trovato;
}
