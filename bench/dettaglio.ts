/**
 * `npm run bench:dettaglio`: the fixed cost of one request, away from the mixed load's background
 * work (consumers, webhooks, ANAC): 32 clients read one appalto (`GET /appalti/:id`: token, rate
 * limit, the stream read, the answer) 60 times each, after 10 to warm up, and the bench reports the
 * CPU per request of the service's process and of PostgreSQL's backends serving its database.
 * On a shared machine these move far less than requests/s; to compare two versions, run each
 * build's copy of this script in alternation.
 *
 * Options: --clients N (default 32), --reads N per client (default 60).
 */
import { cpuBackend, cpuTrascorsa, servizioInProcessi } from './processi.js';
import { AD5 } from './servizio.js';
import { clienteHttp, esegui, machine, printJson, printTable } from './support.js';

const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1]]));
const CLIENTS = Number(args.get('--clients') ?? 32);
const READS = Number(args.get('--reads') ?? 60);

async function main(): Promise<void> {
  const servizio = await servizioInProcessi('dettaglio', { LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '40', AUTH_TRUST_TOKEN_CLAIMS: 'true' });
  try {
    const http = clienteHttp(servizio.urls[0]!);
    const tokens = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => servizio.token(`dettaglio.${i}`, `Lettore ${i}`)));
    const creato = await http('POST', '/appalti', { authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' }, JSON.stringify(AD5.appalto('Lettura ripetuta')));
    if (creato.status !== 201) throw new Error(`POST /appalti answered ${creato.status}`);
    const id = (JSON.parse(creato.text) as { id: string }).id;
    const leggi = (volte: number) =>
      Promise.all(
        tokens.map(async (token) => {
          for (let i = 0; i < volte; i++) {
            const res = await http('GET', `/appalti/${id}`, { authorization: `Bearer ${token}` });
            if (res.status !== 200) throw new Error(`GET /appalti/:id answered ${res.status}`);
          }
        }),
      );
    await leggi(10);
    const sonda = await servizio.pool.connect();
    const pgPrima = await cpuBackend(sonda);
    const cpuPrima = servizio.cpuMs();
    const inizio = performance.now();
    await leggi(READS);
    const secondi = (performance.now() - inizio) / 1000;
    const cpu = servizio.cpuMs() - cpuPrima;
    const pg = cpuTrascorsa(pgPrima, await cpuBackend(sonda));
    sonda.release();
    const n = CLIENTS * READS;
    process.stdout.write(`machine: ${machine()}\n`);
    printTable(`GET /appalti/:id, ${CLIENTS} clients × ${READS}`, [
      { measure: 'requests/s', value: n / secondi },
      { measure: "service's CPU ms per request (user + system)", value: cpu / n },
      { measure: "PostgreSQL's CPU ms per request (the bench database's backends)", value: pg / n },
    ]);
    printJson({ requests_per_s: n / secondi, service_cpu_ms_per_request: cpu / n, postgres_cpu_ms_per_request: pg / n, requests: n });
  } finally {
    await servizio.close();
  }
}

esegui('dettaglio', main);
