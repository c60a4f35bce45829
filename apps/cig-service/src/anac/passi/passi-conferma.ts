import type { AppaltoEsistente } from '#domain';
import type { Passo } from '../pratiche.store.js';
import type { EsitoPasso, PassoContesto, PassoHandler } from './esito-passo.js';
import { respinta, suFallimento } from './esito-passo.js';

/**
 * Obtaining the CIGs (appalto sent by the user): crea-appalto, or modifica-appalto when ANAC
 * already has it (a resend after a KO); conferma-appalto; poll esito-operazione AP_CONF;
 * recupera-cig. A crea-appalto whose answer was lost is found again by codiceAppalto before
 * anything is repeated: never two appalti at ANAC for one request.
 */
export const avvio: PassoHandler = async (c) => ({ tipo: 'vai', passo: dopoAvvio(c.appalto) });

/** Where AVVIO leads, from the appalto alone (it calls nothing): the worker starts there directly. */
export function dopoAvvio(appalto: Pick<AppaltoEsistente, 'idAppaltoAnac'>): Passo {
  return appalto.idAppaltoAnac ? 'MODIFICA' : 'CREA';
}

export const crea: PassoHandler = async (c) => {
  const r = await c.chiama('Crea Appalto', (g) => g.creaAppalto(c.ctx, c.scheda()));
  if (r.ok) return { tipo: 'vai', passo: dopoLaBozza(c), comandi: [{ type: 'RegistraAppaltoAnac', idAppaltoAnac: r.value.idAppalto }] };
  return suFallimento(c, r.failure, { incerto: 'RICONCILIA_CREA', duplicato: 'RICONCILIA_CREA' });
};

/** ricerca-appalto by the codiceAppalto we sent (our appalto id). */
export const riconciliaCrea: PassoHandler = async (c) => {
  const r = await c.chiama('Ricerca Appalto', (g) => g.ricercaAppalto(c.ctx, { codiceAppalto: c.appalto.appaltoId }));
  if (!r.ok) return suFallimento(c, r.failure);
  const trovato = r.value.find((a) => a.codiceAppalto === c.appalto.appaltoId);
  if (!trovato) return { tipo: 'vai', passo: 'CREA', dati: { ...c.pratica.dati, incerto: false } };
  const comandi = [{ type: 'RegistraAppaltoAnac' as const, idAppaltoAnac: trovato.idAppalto }];
  if (trovato.stato === 'CONF') return { tipo: 'vai', passo: 'RECUPERA_CIG', comandi };
  if (trovato.stato === 'CANC') return respinta(c.pratica.operazione, [], "L'appalto risulta cancellato in ANAC");
  return { tipo: 'vai', passo: dopoLaBozza(c), comandi, dati: { ...c.pratica.dati, incerto: false } };
};

export const modifica: PassoHandler = async (c) => {
  const r = await c.chiama('Modifica Appalto', (g) => g.modificaAppalto(c.ctx, idAnac(c), c.scheda()));
  if (r.ok) return { tipo: 'vai', passo: dopoLaBozza(c) };
  // modifica-appalto replaces the whole draft: repeating it after a lost answer is harmless.
  if (r.failure.categoria === 'STATO') return statoDopoRifiuto(c, r.failure.errori);
  return suFallimento(c, r.failure, { incerto: 'MODIFICA' });
};

export const conferma: PassoHandler = async (c) => {
  const r = await c.chiama('Conferma Appalto', (g) => g.confermaAppalto(c.ctx, idAnac(c)));
  if (r.ok) return { tipo: 'vai', passo: 'ESITO_CONFERMA', dati: { ...c.pratica.dati, incerto: false } };
  // ERR17/ERR18: a verifica or conferma is already running: its esito will tell.
  if (r.failure.errori.some((e) => e.codice === 'ERR18' || e.codice === 'ERR17')) return { tipo: 'vai', passo: 'ESITO_CONFERMA' };
  if (r.failure.categoria === 'STATO') return statoDopoRifiuto(c, r.failure.errori);
  return suFallimento(c, r.failure, { incerto: 'ESITO_CONFERMA' });
};

/**
 * A conferma-appalto whose answer was lost (interrupted mid-call): did ANAC receive it? The
 * appalto's state says CONF (done: fetch the CIGs) or still IN_LAV; then a running conferma shows
 * as a WT esito AP_CONF (wait for it). No trace of it: it never arrived, send it again (a
 * conferma that did arrive but whose esito is not visible yet is refused with ERR17/ERR18, which
 * leads to the esito anyway: never two conferme at ANAC).
 */
export const riconciliaConferma: PassoHandler = async (c) => {
  const s = await c.chiama('Stato Appalto', (g) => g.statoAppalto(c.ctx, { idAppalto: idAnac(c) }));
  if (!s.ok) return suFallimento(c, s.failure);
  const dati = { ...c.pratica.dati, incerto: false };
  if (s.value === 'CANC') return respinta('CONFERMA', [], "L'appalto risulta cancellato in ANAC");
  if (s.value !== 'IN_LAV') return { tipo: 'vai', passo: 'RECUPERA_CIG', dati };
  const e = await c.chiama('Esito Operazione', (g) => g.esitoOperazione(c.ctx, { idAppalto: idAnac(c), tipoOperazione: 'AP_CONF', tipoRicerca: 'ULTIMO_ESITO' }));
  if (!e.ok) return suFallimento(c, e.failure);
  if (e.value[0]?.esito === 'WT') return { tipo: 'vai', passo: 'ESITO_CONFERMA', dati };
  // No esito, or the KO of an earlier request (a KO of this one would come back the same).
  return { tipo: 'vai', passo: 'CONFERMA', dati };
};

/** Polls ANAC for the outcome: WT or an empty list is never a failure (it can last days). */
export const esitoConferma: PassoHandler = async (c) => {
  const r = await c.chiama('Esito Operazione', (g) => g.esitoOperazione(c.ctx, { idAppalto: idAnac(c), tipoOperazione: 'AP_CONF', tipoRicerca: 'ULTIMO_ESITO' }));
  if (!r.ok) return suFallimento(c, r.failure);
  const esito = r.value[0];
  if (esito?.esito === 'OK') return { tipo: 'vai', passo: 'RECUPERA_CIG', dati: { ...c.pratica.dati, idAvviso: esito.idAvviso } };
  if (esito?.esito === 'KO') return respinta('CONFERMA', esito.errori);
  if (!esito && c.pratica.dati.incerto && c.pratica.interrogazioni >= SOGLIA_INCERTO) return controllaStato(c);
  return { tipo: 'attendi', motivo: esito ? 'esito in attesa (WT)' : 'nessun esito ancora disponibile' };
};

export const recuperaCig: PassoHandler = async (c) => {
  let idAvviso = c.pratica.dati.idAvviso;
  if (!idAvviso) {
    const e = await c.chiama('Esito Operazione', (g) => g.esitoOperazione(c.ctx, { idAppalto: idAnac(c), tipoOperazione: 'AP_CONF', tipoRicerca: 'ULTIMO_ESITO' }));
    if (!e.ok) return suFallimento(c, e.failure);
    idAvviso = e.value[0]?.idAvviso;
  }
  const r = await c.chiama('Recupera CIG', (g) => g.recuperaCig(c.ctx, idAnac(c)));
  if (!r.ok) return suFallimento(c, r.failure);
  if (r.value.length < c.appalto.lotti.length) return { tipo: 'attendi', motivo: 'CIG non ancora disponibili per tutti i lotti', dati: { ...c.pratica.dati, idAvviso } };
  return {
    tipo: 'fine',
    stato: 'COMPLETATA',
    comandi: [{ type: 'RegistraConferma', idAppaltoAnac: idAnac(c), idAvviso, cig: r.value }],
  };
};

/** After a lost conferma, how many empty polls before asking ANAC for the appalto's state. */
const SOGLIA_INCERTO = 5;

/** ANAC says the operation does not fit its state: look at the state, go on if already done. */
async function statoDopoRifiuto(c: PassoContesto, errori: Parameters<typeof respinta>[1]): Promise<EsitoPasso> {
  const s = await c.chiama('Stato Appalto', (g) => g.statoAppalto(c.ctx, { idAppalto: idAnac(c) }));
  if (s.ok && s.value === 'CONF' && c.pratica.operazione === 'CONFERMA') return { tipo: 'vai', passo: 'RECUPERA_CIG' };
  return respinta(c.pratica.operazione, errori);
}

/**
 * Once ANAC holds the current draft (crea-appalto or modifica-appalto): the conferma goes on to
 * conferma-appalto, a verification at ANAC to verifica-appalto (passi-verifica.ts).
 */
function dopoLaBozza(c: PassoContesto): Passo {
  return c.pratica.operazione === 'VERIFICA' ? 'VERIFICA_ANAC' : 'CONFERMA';
}

async function controllaStato(c: PassoContesto): Promise<EsitoPasso> {
  const s = await c.chiama('Stato Appalto', (g) => g.statoAppalto(c.ctx, { idAppalto: idAnac(c) }));
  if (!s.ok) return suFallimento(c, s.failure);
  if (s.value === 'CONF') return { tipo: 'vai', passo: 'RECUPERA_CIG' };
  // Still being worked on at ANAC: the lost conferma never arrived. Send it again.
  if (s.value === 'IN_LAV') return { tipo: 'vai', passo: 'CONFERMA' };
  return { tipo: 'attendi', motivo: `appalto in stato ${s.value} presso ANAC` };
}

function idAnac(c: PassoContesto): string {
  const id = c.appalto.idAppaltoAnac;
  if (!id) throw new Error(`appalto ${c.appalto.appaltoId} has no ANAC id at step ${c.pratica.passo}`);
  return id;
}
