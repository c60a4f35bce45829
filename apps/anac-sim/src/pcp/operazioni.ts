/**
 * The PCP operations the simulator implements, grouped by e-service as ANAC publishes them
 * (ANAC's interface specification, `specifiche-servizi-appalto.yaml`): each e-service has its own base path `/<EService>/v2`.
 */
export const E_SERVICES = ['ComunicaAppalto', 'ServiziComuni', 'PubblicaAvviso'] as const;
export type EServicePcp = (typeof E_SERVICES)[number];

export const OPERAZIONI = {
  'crea-appalto': { eService: 'ComunicaAppalto', metodo: 'POST' },
  'modifica-appalto': { eService: 'ComunicaAppalto', metodo: 'POST' },
  'cancella-appalto': { eService: 'ComunicaAppalto', metodo: 'POST' },
  'verifica-appalto': { eService: 'ComunicaAppalto', metodo: 'POST' },
  'conferma-appalto': { eService: 'ComunicaAppalto', metodo: 'POST' },
  'consulta-appalto': { eService: 'ComunicaAppalto', metodo: 'GET' },
  'ricerca-appalto': { eService: 'ComunicaAppalto', metodo: 'GET' },
  'recupera-cig': { eService: 'ComunicaAppalto', metodo: 'GET' },
  'esito-operazione': { eService: 'ServiziComuni', metodo: 'GET' },
  'stato-appalto': { eService: 'ServiziComuni', metodo: 'GET' },
  status: { eService: 'ServiziComuni', metodo: 'GET' },
  'pubblica-avviso': { eService: 'PubblicaAvviso', metodo: 'POST' },
  'modifica-avviso': { eService: 'PubblicaAvviso', metodo: 'POST' },
  'stato-avviso': { eService: 'PubblicaAvviso', metodo: 'GET' },
} as const satisfies Record<string, { eService: EServicePcp; metodo: 'GET' | 'POST' }>;

export type OperazionePcp = keyof typeof OPERAZIONI;

export const isOperazionePcp = (v: unknown): v is OperazionePcp => typeof v === 'string' && Object.hasOwn(OPERAZIONI, v);

/** `/status` is the only operation without security in ANAC's spec. */
export const richiedeIdentita = (op: OperazionePcp): boolean => op !== 'status';

/** Path of an operation on the simulator, e.g. `/ComunicaAppalto/v2/crea-appalto`. */
export const percorso = (op: OperazionePcp): string => `/${OPERAZIONI[op].eService}/v2/${op}`;

/** Base URL of an e-service on a given simulator (what a client configures, and the JWS `aud`). */
export const baseUrlEService = (url: string, eService: EServicePcp): string => `${url}/${eService}/v2`;
