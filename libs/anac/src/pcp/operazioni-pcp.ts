import type { OperazionePcp } from '../gateway/anac-gateway.js';

/**
 * ANAC publishes PCP as PDND e-services, each with its own base URL and version segment
 * (`servers` of the per-e-service OpenAPI files, e.g. `…/modi/rest/ComunicaAppalto/v2`).
 */
export type EServicePcp = 'ComunicaAppalto' | 'ServiziComuni' | 'PubblicaAvviso';

/** Default path of each e-service below the base URL. */
export const PERCORSI_E_SERVICE: Readonly<Record<EServicePcp, string>> = {
  ComunicaAppalto: '/ComunicaAppalto/v2',
  ServiziComuni: '/ServiziComuni/v2',
  PubblicaAvviso: '/PubblicaAvviso/v2',
};

/** E-service and method of each operation (`specifiche-servizi-appalto.yaml`, tags per e-service). */
export const OPERAZIONI_PCP: Readonly<Record<OperazionePcp, { readonly eService: EServicePcp; readonly method: 'GET' | 'POST' }>> = {
  'crea-appalto': { eService: 'ComunicaAppalto', method: 'POST' },
  'modifica-appalto': { eService: 'ComunicaAppalto', method: 'POST' },
  'cancella-appalto': { eService: 'ComunicaAppalto', method: 'POST' },
  'verifica-appalto': { eService: 'ComunicaAppalto', method: 'POST' },
  'conferma-appalto': { eService: 'ComunicaAppalto', method: 'POST' },
  'consulta-appalto': { eService: 'ComunicaAppalto', method: 'GET' },
  'ricerca-appalto': { eService: 'ComunicaAppalto', method: 'GET' },
  'recupera-cig': { eService: 'ComunicaAppalto', method: 'GET' },
  'esito-operazione': { eService: 'ServiziComuni', method: 'GET' },
  'stato-appalto': { eService: 'ServiziComuni', method: 'GET' },
  'pubblica-avviso': { eService: 'PubblicaAvviso', method: 'POST' },
  'modifica-avviso': { eService: 'PubblicaAvviso', method: 'POST' },
};
