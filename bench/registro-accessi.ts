/**
 * The cost of the access log (one line per request, ACCESS_LOG): two services in this process,
 * identical but for ACCESS_LOG, both logging at `info` to /dev/null, read by the same clients
 * (GET /appalti/:id) in alternating rounds, so that a busier machine in one round weighs on both.
 */
import { pino } from 'pino';
import { createLogger } from '#platform';
import { AD5, servizioDiBench, type ServizioDiBench } from './servizio.js';
import { clienteHttp } from './support.js';

export interface CostoRegistroAccessi {
  readonly senza: number;
  readonly con: number;
  /** (senza - con) / senza, in percent: the throughput given up to the access log. */
  readonly costoPercento: number;
}

export async function costoRegistroAccessi(secondi: number, clienti: number): Promise<CostoRegistroAccessi> {
  const logger = createLogger('info', 'cig-ledger', pino.destination({ dest: '/dev/null', sync: false }));
  const env = { LOG_LEVEL: 'info', AUTH_TRUST_TOKEN_CLAIMS: 'true', RATE_LIMIT_BURST: '1000000', RATE_LIMIT_PER_MINUTE: '1000000', SUBSCRIPTION_POLL_MS: '50' };
  const senza = await servizioDiBench('accessi-senza', { ...env, ACCESS_LOG: 'false' }, {}, { logger });
  const con = await servizioDiBench('accessi-con', { ...env, ACCESS_LOG: 'true' }, {}, { logger });
  try {
    const bersagli = await Promise.all([senza, con].map(async (s) => ({ servizio: s, ...(await prepara(s, clienti)), richieste: 0, secondi: 0 })));
    const ROUNDS = 6;
    for (let round = 0; round < ROUNDS; round++) {
      const b = bersagli[round % 2];
      const fine = performance.now() + (secondi * 1000) / ROUNDS;
      const inizio = performance.now();
      const http = clienteHttp(b.servizio.url);
      await Promise.all(
        b.tokens.map(async (token) => {
          while (performance.now() < fine) {
            const res = await http('GET', `/appalti/${b.id}`, { authorization: `Bearer ${token}` });
            if (res.status !== 200) throw new Error(`GET /appalti/:id answered ${res.status}`);
            b.richieste++;
          }
        }),
      );
      b.secondi += (performance.now() - inizio) / 1000;
    }
    const [s, c] = bersagli.map((b) => b.richieste / b.secondi);
    return { senza: s, con: c, costoPercento: ((s - c) / s) * 100 };
  } finally {
    await con.close();
    await senza.close();
    logger.flush();
  }
}

async function prepara(s: ServizioDiBench, clienti: number): Promise<{ id: string; tokens: string[] }> {
  const tokens = await Promise.all(Array.from({ length: clienti }, (_, i) => s.token(`accessi.${i}`, `Lettore ${i}`)));
  const res = await fetch(`${s.url}/appalti`, { method: 'POST', headers: { authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' }, body: JSON.stringify(AD5.appalto('Lettura ripetuta')) });
  if (res.status !== 201) throw new Error(`POST /appalti answered ${res.status}`);
  return { id: ((await res.json()) as { id: string }).id, tokens };
}
