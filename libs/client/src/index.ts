/**
 * @cig-ledger/client: a typed client of the CIG Ledger HTTP API. Types generated from the service's
 * OpenAPI document (`npm run client:genera`), calls through openapi-fetch:
 *
 *   const api = creaClient({ baseUrl: 'https://cig.example.it', token });
 *   const { data, error } = await api.GET('/appalti/{id}', { params: { path: { id } } });
 *
 * `error` is the problem+json document (RFC 9457) the service answered.
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './openapi.js';

export type { components, paths } from './openapi.js';
export type Problema = components['schemas']['Problema'];
export type ClientCigLedger = Client<paths>;

export interface OpzioniClient extends ClientOptions {
  readonly baseUrl: string;
  /** Bearer token; a function is asked again before each request (tokens expire). */
  readonly token?: string | (() => string | Promise<string>);
}

export function creaClient(opzioni: OpzioniClient): ClientCigLedger {
  const { token, ...resto } = opzioni;
  const client = createClient<paths>(resto);
  if (token !== undefined) {
    client.use({
      async onRequest({ request }) {
        request.headers.set('Authorization', `Bearer ${typeof token === 'function' ? await token() : token}`);
        return request;
      },
    });
  }
  return client;
}
