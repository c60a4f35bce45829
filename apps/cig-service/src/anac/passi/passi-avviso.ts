import type { PassoContesto, PassoHandler } from './esito-passo.js';
import { respinta, suFallimento } from './esito-passo.js';

/**
 * Publication (pubblica-avviso, esito AV_PUBB), replacement of an avviso not yet published
 * (modifica-avviso, esito AV_MOD, then recupera-cig: ANAC regenerates every lot's CIG) and
 * cancellation (cancella-appalto). Calls whose answer was lost are checked, not repeated.
 */
const SOGLIA_INCERTO = 5;

export const pubblica: PassoHandler = async (c) => {
  const idAvviso = avviso(c);
  const r = await c.chiama('Pubblica Avviso', (g) => g.pubblicaAvviso(c.ctx, { idAppalto: idAnac(c), idAvviso }));
  if (r.ok) return { tipo: 'vai', passo: 'ESITO_PUBBLICAZIONE', comandi: [{ type: 'RegistraAttesaPubblicazione', idAvviso }] };
  // ERR44: a publication request for this avviso is already running.
  if (r.failure.errori.some((e) => e.codice === 'ERR44')) return { tipo: 'vai', passo: 'ESITO_PUBBLICAZIONE' };
  return suFallimento(c, r.failure, { incerto: 'ESITO_PUBBLICAZIONE' });
};

/**
 * A pubblica-avviso whose answer was lost: ANAC moves the appalto from CONF to IN_ATT_PUBB when
 * it receives the request. Still CONF: it never arrived, send it again; otherwise follow its esito.
 */
export const riconciliaPubblicazione: PassoHandler = async (c) => {
  const s = await c.chiama('Stato Appalto', (g) => g.statoAppalto(c.ctx, { idAppalto: idAnac(c) }));
  if (!s.ok) return suFallimento(c, s.failure);
  const dati = { ...c.pratica.dati, incerto: false };
  if (s.value === 'CONF') return { tipo: 'vai', passo: 'PUBBLICA', dati };
  if (s.value === 'CANC') return respinta('PUBBLICAZIONE', [], "L'appalto risulta cancellato in ANAC");
  return { tipo: 'vai', passo: 'ESITO_PUBBLICAZIONE', dati };
};

export const esitoPubblicazione: PassoHandler = async (c) => {
  const idAvviso = avviso(c);
  const r = await c.chiama('Esito Operazione', (g) => g.esitoOperazione(c.ctx, { idAppalto: idAnac(c), tipoOperazione: 'AV_PUBB', tipoRicerca: 'ULTIMO_ESITO' }));
  if (!r.ok) return suFallimento(c, r.failure);
  const esito = r.value[0];
  if (esito?.esito === 'OK') {
    return {
      tipo: 'fine',
      stato: 'COMPLETATA',
      comandi: [{ type: 'RegistraPubblicazione', idAvviso }],
    };
  }
  if (esito?.esito === 'KO') return respinta('PUBBLICAZIONE', esito.errori);
  if (!esito && c.pratica.dati.incerto && c.pratica.interrogazioni >= SOGLIA_INCERTO) {
    const s = await c.chiama('Stato Appalto', (g) => g.statoAppalto(c.ctx, { idAppalto: idAnac(c) }));
    if (!s.ok) return suFallimento(c, s.failure);
    if (s.value === 'CONF') return { tipo: 'vai', passo: 'PUBBLICA', dati: { ...c.pratica.dati, incerto: false } };
  }
  return { tipo: 'attendi', motivo: esito ? 'pubblicazione in corso (WT)' : 'nessun esito ancora disponibile' };
};

export const modificaAvviso: PassoHandler = async (c) => {
  const r = await c.chiama('Modifica Avviso', (g) => g.modificaAvviso(c.ctx, { idAppalto: idAnac(c), idAvviso: avviso(c), scheda: c.scheda() }));
  if (r.ok) return { tipo: 'vai', passo: 'ESITO_MODIFICA_AVVISO', dati: { ...c.pratica.dati, incerto: false } };
  return suFallimento(c, r.failure, { incerto: 'ESITO_MODIFICA_AVVISO' });
};

/**
 * A modifica-avviso whose answer was lost: every modifica-avviso ANAC receives leaves an esito
 * AV_MOD (WT at once) naming the avviso it replaces. One for our current avviso: it arrived,
 * follow its esito. None: it never arrived, send it again.
 */
export const riconciliaModificaAvviso: PassoHandler = async (c) => {
  const idAvviso = avviso(c);
  const r = await c.chiama('Esito Operazione', (g) => g.esitoOperazione(c.ctx, { idAppalto: idAnac(c), tipoOperazione: 'AV_MOD', tipoRicerca: 'TUTTI_ESITI' }));
  if (!r.ok) return suFallimento(c, r.failure);
  const dati = { ...c.pratica.dati, incerto: false };
  const nostro = r.value.find((e) => e.idAvviso === idAvviso);
  return { tipo: 'vai', passo: nostro ? 'ESITO_MODIFICA_AVVISO' : 'MODIFICA_AVVISO', dati };
};

export const esitoModificaAvviso: PassoHandler = async (c) => {
  const r = await c.chiama('Esito Operazione', (g) => g.esitoOperazione(c.ctx, { idAppalto: idAnac(c), tipoOperazione: 'AV_MOD', tipoRicerca: 'ULTIMO_ESITO' }));
  if (!r.ok) return suFallimento(c, r.failure);
  const esito = r.value[0];
  if (esito?.esito === 'OK' && esito.idNuovoAvviso) {
    return { tipo: 'vai', passo: 'RECUPERA_CIG_MODIFICA', dati: { ...c.pratica.dati, idNuovoAvviso: esito.idNuovoAvviso } };
  }
  if (esito?.esito === 'KO') return respinta('MODIFICA_AVVISO', esito.errori);
  if (!esito && c.pratica.dati.incerto && c.pratica.interrogazioni >= SOGLIA_INCERTO) {
    return { tipo: 'vai', passo: 'MODIFICA_AVVISO', dati: { ...c.pratica.dati, incerto: false } };
  }
  return { tipo: 'attendi', motivo: esito ? 'modifica avviso in corso (WT)' : 'nessun esito ancora disponibile' };
};

/**
 * The new CIGs: one per lot, each replacing that lot's current code. Already recorded on the
 * appalto (the worker stopped after recording them and before moving the practice on): done,
 * nothing to read again (the lots' current codes are the new ones, so none would look new).
 */
export const recuperaCigModifica: PassoHandler = async (c) => {
  const nuovoAvviso = c.pratica.dati.idNuovoAvviso;
  if (nuovoAvviso && c.appalto.idAvviso === nuovoAvviso && c.appalto.operazioneInCorso?.operazione !== 'MODIFICA_AVVISO') {
    return { tipo: 'fine', stato: 'COMPLETATA', comandi: [] };
  }
  const r = await c.chiama('Recupera CIG', (g) => g.recuperaCig(c.ctx, idAnac(c)));
  if (!r.ok) return suFallimento(c, r.failure);
  const attuali = new Map<string, string>(c.appalto.cig.map((x) => [x.lotIdentifier, x.cig]));
  const nuovi = r.value.filter((x) => attuali.has(x.lotIdentifier) && attuali.get(x.lotIdentifier) !== x.cig);
  if (nuovi.length < attuali.size) return { tipo: 'attendi', motivo: 'nuovi CIG non ancora disponibili per tutti i lotti' };
  return {
    tipo: 'fine',
    stato: 'COMPLETATA',
    comandi: [
      {
        type: 'RegistraModificaAvviso',
        idAvviso: c.pratica.dati.idNuovoAvviso ?? avviso(c),
        cig: nuovi.map((x) => ({ ...x, sostituisce: attuali.get(x.lotIdentifier)! })),
      },
    ],
  };
};

export const cancella: PassoHandler = async (c) => {
  const r = await c.chiama('Cancella Appalto', (g) => g.cancellaAppalto(c.ctx, idAnac(c), c.pratica.dati.motivo));
  if (r.ok) return { tipo: 'fine', stato: 'COMPLETATA', comandi: [{ type: 'RegistraCancellazione' }] };
  return suFallimento(c, r.failure, { incerto: 'VERIFICA_CANCELLAZIONE' });
};

export const verificaCancellazione: PassoHandler = async (c) => {
  const s = await c.chiama('Stato Appalto', (g) => g.statoAppalto(c.ctx, { idAppalto: idAnac(c) }));
  if (!s.ok) return suFallimento(c, s.failure);
  if (s.value === 'CANC') return { tipo: 'fine', stato: 'COMPLETATA', comandi: [{ type: 'RegistraCancellazione' }] };
  return { tipo: 'vai', passo: 'CANCELLA', dati: { ...c.pratica.dati, incerto: false } };
};

function idAnac(c: PassoContesto): string {
  const id = c.appalto.idAppaltoAnac;
  if (!id) throw new Error(`appalto ${c.appalto.appaltoId} has no ANAC id at step ${c.pratica.passo}`);
  return id;
}

function avviso(c: PassoContesto): string {
  const id = c.appalto.idAvviso ?? c.pratica.dati.idAvviso;
  if (!id) throw new Error(`appalto ${c.appalto.appaltoId} has no avviso at step ${c.pratica.passo}`);
  return id;
}
