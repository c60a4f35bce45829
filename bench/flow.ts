/**
 * `npm run bench:flow`: appalti confirmed per second end to end — HTTP in, the ANAC process
 * manager's round trips to the simulator (crea, conferma, esito, recupera-cig), CIGs out — with
 * 1 and 16 concurrent clients, and the latency from `POST /conferma` to CIGs visible; then 16
 * clients again against two instances of the service on one database (clients spread over both).
 *
 * The service runs in processes of its own (the compiled main.js), the ANAC simulator in another,
 * the clients in this one: the figures are the service's, not the clients'.
 *
 * Options: --c1 N (appalti with one client, default 30), --c16 N (with 16 clients, default 320),
 * --instances2 0 skips the round on two instances.
 */
import { AD5 } from './servizio.js';
import { servizioInProcessi } from './processi.js';
import { esegui, inParallel, machine, percentile, printJson, printTable } from './support.js';

const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1]]));
const N1 = Number(args.get('--c1') ?? 30);
const N16 = Number(args.get('--c16') ?? 320);
const DUE_ISTANZE = args.get('--instances2') !== '0';

const ENV = {
  LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '30',
  SUBSCRIPTION_POLL_MS: '20', ANAC_POLL_INITIAL_MS: '20', ANAC_POLL_MAX_MS: '200', ANAC_WORKER_TICK_MS: '20',
  ANAC_WORKER_CONCURRENCY: '32', ANAC_RATE_PER_S: '1000', ANAC_RETRY_BASE_MS: '20', ANAC_RETRY_MAX_MS: '300',
  // One client token drives the whole run: the per-token limit is not what is measured here.
  RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_BURST: '100000',
};
// ANAC's own rate limit (1,000 calls a minute in the simulator) would otherwise be what is measured.
const SIMULATORE = { rateLimit: { limit: 1_000_000, windowMs: 60_000 } };

interface Round {
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  /** CPU time of the service processes per appalto confirmed, ms. */
  readonly cpuMs: number;
}

/** Warm-up, then the rounds of `giri` (clients, appalti) against `istanze` instances on one database. */
async function misura(istanze: number, giri: ReadonlyArray<readonly [number, number]>): Promise<Round[]> {
  const servizio = await servizioInProcessi(`flow${istanze}`, ENV, SIMULATORE, istanze);
  try {
    const token = await servizio.token('francesca.bianchi', 'Francesca Bianchi');
    let turno = 0;
    const call = async (method: string, path: string, body?: unknown, url = servizio.urls[turno++ % servizio.urls.length]) => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = await res.json();
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json as Record<string, any>;
    };
    const prepara = async () => {
      const { id } = await call('POST', '/appalti', AD5.appalto('Fornitura di materiale di cancelleria'));
      await call('PUT', `/appalti/${id}/classificazione`, AD5.classificazione);
      await call('POST', `/appalti/${id}/lotti`, AD5.lotto);
      return id as string;
    };
    /** One appalto through ANAC: the latency is from the conferma to its CIGs being readable. */
    const conferma = async (id: string, cliente: number) => {
      // Each client talks to one instance; the process manager may run on the other.
      const url = servizio.urls[cliente % servizio.urls.length];
      const started = performance.now();
      await call('POST', `/appalti/${id}/conferma`, undefined, url);
      // The clients share the machine's two cores with the service: poll with a backoff
      // (20 ms → 200 ms) so that sixteen of them measure the flow, not their own polling.
      for (let attesa = 20; ; attesa = Math.min(attesa * 1.5, 200)) {
        const a = await call('GET', `/appalti/${id}`, undefined, url);
        if (a.stato === 'CONF' && a.lotti.every((l: { cig: string }) => /^[A-Z0-9]{10}$/.test(l.cig))) return performance.now() - started;
        if (a.ultimoEsitoAnac) throw new Error(`appalto ${id} refused: ${JSON.stringify(a.ultimoEsitoAnac)}`);
        await new Promise((r) => setTimeout(r, attesa));
      }
    };
    const round = async (clients: number, count: number) => {
      const ids: string[] = [];
      await inParallel(8, count, async () => void ids.push(await prepara()));
      const latencies: number[] = [];
      const cpu = servizio.cpuMs();
      const started = performance.now();
      await inParallel(clients, count, async (w, i) => void latencies.push(await conferma(ids[i], w)));
      const seconds = (performance.now() - started) / 1000;
      return { perSecond: count / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), cpuMs: (servizio.cpuMs() - cpu) / count };
    };
    await round(4, 8); // warm-up: JIT, connection pools
    const risultati: Round[] = [];
    for (const [clients, count] of giri) risultati.push(await round(clients, count));
    return risultati;
  } finally {
    await servizio.close();
  }
}

async function main(): Promise<void> {
  process.stdout.write(`machine: ${machine()}\nappalti: ${N1} with 1 client, ${N16} with 16 clients (AD5, one lot each), one instance${DUE_ISTANZE ? '; then 16 clients on two instances' : ''}\n`);
  const [c1, c16] = await misura(1, [[1, N1], [16, N16]]);
  const due = DUE_ISTANZE ? (await misura(2, [[16, N16]]))[0] : undefined;
  printTable('PCP flow end to end (HTTP → process manager → ANAC simulator → CIG)', [
    { instances: 1, clients: 1, 'confirmed/s': c1.perSecond, 'p50 ms': c1.p50, 'p95 ms': c1.p95, 'service CPU ms / appalto': c1.cpuMs },
    { instances: 1, clients: 16, 'confirmed/s': c16.perSecond, 'p50 ms': c16.p50, 'p95 ms': c16.p95, 'service CPU ms / appalto': c16.cpuMs },
    ...(due ? [{ instances: 2, clients: 16, 'confirmed/s': due.perSecond, 'p50 ms': due.p50, 'p95 ms': due.p95, 'service CPU ms / appalto': due.cpuMs }] : []),
  ]);
  printJson({
    confirmed_per_s_c1: c1.perSecond,
    confirmed_per_s_c16: c16.perSecond,
    p50_ms: c16.p50,
    p95_ms: c16.p95,
    p50_ms_c1: c1.p50,
    p95_ms_c1: c1.p95,
  service_cpu_ms_per_appalto_c16: c16.cpuMs,
    ...(due ? { confirmed_per_s_c16_2i: due.perSecond, service_cpu_ms_per_appalto_c16_2i: due.cpuMs, p50_ms_2i: due.p50, p95_ms_2i: due.p95 } : {}),
  });
}

esegui('flow', main);
