import type { ClientePcp } from './pcp-client.js';

/** Steps shared by the simulator's tests; each asserts the HTTP status it relies on. */

function atteso(status: number, r: { status: number; text: string }, passo: string): void {
  if (r.status !== status) throw new Error(`${passo}: atteso HTTP ${status}, ricevuto ${r.status}: ${r.text}`);
}

export async function creaAppalto(pcp: ClientePcp, richiesta: unknown): Promise<string> {
  const r = await pcp.post('crea-appalto', richiesta);
  atteso(200, r, 'crea-appalto');
  return r.body.idAppalto as string;
}

/** Latest esito of an operation (ULTIMO_ESITO), or undefined when the list is empty. */
export async function ultimoEsito(pcp: ClientePcp, idAppalto: string, tipoOperazione: string): Promise<any> {
  const r = await pcp.get('esito-operazione', { idAppalto, tipoOperazione, tipoRicerca: 'ULTIMO_ESITO' });
  atteso(200, r, 'esito-operazione');
  return r.body.listaEsiti[0];
}

export async function tuttiICig(pcp: ClientePcp, idAppalto: string, perPage = 20): Promise<Array<{ cig: string; lotIdentifier: string }>> {
  const coppie: Array<{ cig: string; lotIdentifier: string }> = [];
  for (let page = 1; ; page++) {
    const r = await pcp.get('recupera-cig', { idAppalto, page, perPage });
    atteso(200, r, 'recupera-cig');
    coppie.push(...r.body.result);
    if (page >= r.body.totPages) return coppie;
  }
}

/** conferma-appalto, then the clock past the wait: returns the OK esito (with idAvviso). */
export async function confermaAppalto(
  pcp: ClientePcp,
  idAppalto: string,
  avanza: () => void,
): Promise<{ idAvviso: string; idScheda: string }> {
  const ack = await pcp.post('conferma-appalto', { idAppalto });
  atteso(200, ack, 'conferma-appalto');
  avanza();
  const esito = await ultimoEsito(pcp, idAppalto, 'AP_CONF');
  if (esito?.esito?.codice !== 'OK') throw new Error(`conferma non riuscita: ${JSON.stringify(esito)}`);
  return { idAvviso: esito.idAvviso, idScheda: esito.idScheda };
}

export async function pubblicaAvviso(pcp: ClientePcp, idAppalto: string, idAvviso: string): Promise<void> {
  const r = await pcp.post('pubblica-avviso', { idAppalto, idAvviso });
  atteso(200, r, 'pubblica-avviso');
}
