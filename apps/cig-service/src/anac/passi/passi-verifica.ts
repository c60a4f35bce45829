import type { PassoContesto, PassoHandler } from './esito-passo.js';
import { suFallimento } from './esito-passo.js';

/**
 * A verification at ANAC (POST /appalti/:id/verifica?anac=true): ANAC gets the current draft
 * (crea-appalto or modifica-appalto, the first steps of the conferma), then verifica-appalto
 * (asynchronous), whose outcome is esito AP_VERIF. ANAC's verdict, OK or KO with its errors, is
 * recorded next to the local one; nothing is locked meanwhile. verifica-appalto changes nothing
 * at ANAC: after a lost answer it is simply sent again.
 */
const SOGLIA_INCERTO = 5;

export const verificaAnac: PassoHandler = async (c) => {
  const r = await c.chiama('Verifica Appalto', (g) => g.verificaAppalto(c.ctx, idAnac(c)));
  if (r.ok) return { tipo: 'vai', passo: 'ESITO_VERIFICA', dati: { ...c.pratica.dati, incerto: false } };
  // ERR17: a verification is already running at ANAC: its esito will tell.
  if (r.failure.errori.some((e) => e.codice === 'ERR17')) return { tipo: 'vai', passo: 'ESITO_VERIFICA' };
  return suFallimento(c, r.failure, { incerto: 'ESITO_VERIFICA' });
};

export const esitoVerifica: PassoHandler = async (c) => {
  const r = await c.chiama('Esito Operazione', (g) => g.esitoOperazione(c.ctx, { idAppalto: idAnac(c), tipoOperazione: 'AP_VERIF', tipoRicerca: 'ULTIMO_ESITO' }));
  if (!r.ok) return suFallimento(c, r.failure);
  const esito = r.value[0];
  if (esito?.esito === 'OK' || esito?.esito === 'KO') {
    const errori = esito.esito === 'KO' ? esito.errori : [];
    return { tipo: 'fine', stato: 'COMPLETATA', comandi: [{ type: 'RegistraVerificaAnac', richiestaId: c.pratica.richiestaId, esito: esito.esito, errori }] };
  }
  if (!esito && c.pratica.dati.incerto && c.pratica.interrogazioni >= SOGLIA_INCERTO) return { tipo: 'vai', passo: 'VERIFICA_ANAC', dati: { ...c.pratica.dati, incerto: false } };
  return { tipo: 'attendi', motivo: esito ? 'verifica in corso (WT)' : 'nessun esito ancora disponibile' };
};

function idAnac(c: PassoContesto): string {
  const id = c.appalto.idAppaltoAnac;
  if (!id) throw new Error(`appalto ${c.appalto.appaltoId} has no ANAC id at step ${c.pratica.passo}`);
  return id;
}
