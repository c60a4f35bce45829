/**
 * `npm run bench:flow`: appalti confirmed per second end to end — HTTP in, the ANAC process
 * manager's round trips to the simulator (crea, conferma, esito, recupera-cig), CIGs out — with
 * 1 and 16 concurrent clients, and the latency from `POST /conferma` to CIGs visible; then 16
 * clients again against two instances of the service on one database (clients spread over both).
 *
 * The service runs in processes of its own (the compiled main.js), the ANAC simulator in another,
 * the clients in this one (node:http over kept-alive connections, as bench:load's: they share the
 * cores with the service): the figures are the service's, not the clients'. Each round also
 * prints the CPU per appalto of every process (service, PostgreSQL backends, simulator, clients:
 * together they share the machine's cores) and where an appalto's time goes (`tappe`).
 *
 * Options: --c1 N (appalti with one client, default 30), --c16 N (with 16 clients, default 320),
 * --instances2 0 skips the round on two instances, --polling makes the clients poll GET /appalti/:id
 * instead of following it with a blocking read (`dopoRevisione` from the conferma's `revisione`,
 * with `attendiEsito=si`: one GET per appalto while nothing goes wrong).
 */
import { AD5 } from './servizio.js';
import { cpuBackend, cpuTrascorsa, servizioInProcessi } from './processi.js';
import { clienteHttp, esegui, inParallel, machine, percentile, printJson, printTable } from './support.js';

const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1]]));
const N1 = Number(args.get('--c1') ?? 30);
const N16 = Number(args.get('--c16') ?? 320);
const DUE_ISTANZE = args.get('--instances2') !== '0';
const POLLING = process.argv.includes('--polling');

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
  /** The same for the simulator, the database's backends and this process (the clients). */
  readonly cpuSimMs: number;
  readonly cpuDbMs: number;
  readonly cpuClientiMs: number;
  /** GET /appalti/:id per appalto, from its conferma to its CIGs. */
  readonly getPerAppalto: number;
  /** Median ms of each stage of an appalto's way, from the events' timestamps (`tappe`). */
  readonly tappe: Record<string, number>;
}

/** When the client sent the conferma and when it saw the CIGs (epoch ms). */
interface Osservato {
  readonly id: string;
  readonly inviato: number;
  readonly visto: number;
}

/**
 * Where the time of an appalto goes, from the events' timestamps (`created`, the database's
 * clock at the append's transaction start, and the start and duration of each ANAC call as the
 * process manager recorded it; client, service and database share this machine's clock): the
 * medians over the round of
 * - `http`: conferma sent → AppaltoInviato appended;
 * - `presa`: AppaltoInviato → the first call to ANAC starts (the read horizon, the anac-pratiche
 *   consumer opening the practice, the worker claiming it and reading the appalto);
 * - `anac`: the calls' own durations, summed; `chiamate`: how many;
 * - `tra`: the rest of the time from the first call's start to the last call's end (recording
 *   each exchange, commands on the appalto, the practice's row, waits before polling again);
 * - `registra`: last call's end → AppaltoConfermato appended;
 * - `lettura`: AppaltoConfermato → the client sees the CIGs (its blocking read answered, or its next poll).
 */
async function tappe(pool: import('pg').Pool, osservati: readonly Osservato[]): Promise<Record<string, number>> {
  const streams = osservati.flatMap((o) => [`appalto-${o.id}`, `pratica-anac-${o.id}`]);
  const { rows } = await pool.query<{ stream_id: string; event_type: string; created: Date; data: any }>(
    `SELECT stream_id, event_type, created, data FROM es_events WHERE stream_id = ANY($1) ORDER BY global_position`,
    [streams],
  );
  const perStream = new Map<string, typeof rows>();
  for (const r of rows) perStream.set(r.stream_id, [...(perStream.get(r.stream_id) ?? []), r]);
  const serie: Record<string, number[]> = { http: [], presa: [], anac: [], chiamate: [], tra: [], registra: [], lettura: [] };
  for (const o of osservati) {
    const appalto = perStream.get(`appalto-${o.id}`) ?? [];
    const inviato = appalto.find((e) => e.event_type === 'AppaltoInviato')?.created.getTime();
    const confermato = appalto.find((e) => e.event_type === 'AppaltoConfermato')?.created.getTime();
    const chiamate = (perStream.get(`pratica-anac-${o.id}`) ?? [])
      .filter((e) => e.event_type === 'TrasmissioneAnacEseguita')
      .map((e) => ({ inizio: Date.parse(e.data.chiamata.inizio), durata: Number(e.data.chiamata.durataMs) }));
    if (inviato === undefined || confermato === undefined || chiamate.length === 0) continue;
    const primo = chiamate[0]!.inizio;
    const fine = Math.max(...chiamate.map((c) => c.inizio + c.durata));
    const anac = chiamate.reduce((n, c) => n + c.durata, 0);
    serie.http!.push(inviato - o.inviato);
    serie.presa!.push(primo - inviato);
    serie.anac!.push(anac);
    serie.chiamate!.push(chiamate.length);
    serie.tra!.push(fine - primo - anac);
    serie.registra!.push(confermato - fine);
    serie.lettura!.push(o.visto - confermato);
  }
  return Object.fromEntries(Object.entries(serie).map(([k, v]) => [k, percentile(v, 50)]));
}

/** Warm-up, then the rounds of `giri` (clients, appalti) against `istanze` instances on one database. */
async function misura(istanze: number, giri: ReadonlyArray<readonly [number, number]>): Promise<Round[]> {
  const servizio = await servizioInProcessi(`flow${istanze}`, ENV, SIMULATORE, istanze);
  try {
    const token = await servizio.token('francesca.bianchi', 'Francesca Bianchi');
    let turno = 0;
    const clienti = new Map(servizio.urls.map((u) => [u, clienteHttp(u)]));
    const call = async (method: string, path: string, body?: unknown, url = servizio.urls[turno++ % servizio.urls.length]!) => {
      const headers = { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) };
      const res = await clienti.get(url)!(method, path, headers, body ? JSON.stringify(body) : undefined);
      const json = JSON.parse(res.text) as Record<string, any>;
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
      return json;
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
      const inviato = Date.now();
      const inviata = await call('POST', `/appalti/${id}/conferma`, undefined, url);
      // A blocking read from the revision the conferma answered with, through ANAC's steps to
      // their outcome (`dopoRevisione`, `attendiEsito`): one GET. With --polling, the clients poll
      // instead, with a backoff (20 ms → 200 ms) so that sixteen of them sharing the machine's two
      // cores measure the flow, not their own polling.
      let revisione = POLLING ? undefined : (inviata.revisione as number);
      for (let attesa = 20; ; attesa = Math.min(attesa * 1.5, 200)) {
        letture++;
        const a = await call('GET', `/appalti/${id}${revisione === undefined ? '' : `?dopoRevisione=${revisione}&attesa=10&attendiEsito=si`}`, undefined, url);
        if (a.stato === 'CONF' && a.lotti.every((l: { cig: string }) => /^[A-Z0-9]{10}$/.test(l.cig))) {
          osservati.push({ id, inviato, visto: Date.now() });
          return performance.now() - started;
        }
        if (a.ultimoEsitoAnac) throw new Error(`appalto ${id} refused: ${JSON.stringify(a.ultimoEsitoAnac)}`);
        if (POLLING) await new Promise((r) => setTimeout(r, attesa));
        else revisione = a.revisione as number;
      }
    };
    let osservati: Osservato[] = [];
    /** GET /appalti/:id sent after the conferme of the round. */
    let letture = 0;
    const round = async (clients: number, count: number): Promise<Round> => {
      const ids: string[] = [];
      await inParallel(8, count, async () => void ids.push(await prepara()));
      const latencies: number[] = [];
      osservati = [];
      letture = 0;
      const db = await cpuBackend(servizio.pool);
      const cpu = servizio.cpuMs();
      const cpuSim = servizio.cpuSimulatoreMs();
      const cpuClienti = process.cpuUsage();
      const started = performance.now();
      await inParallel(clients, count, async (w, i) => void latencies.push(await conferma(ids[i], w)));
      const seconds = (performance.now() - started) / 1000;
      const clienti = process.cpuUsage(cpuClienti);
      const cpuMs = (servizio.cpuMs() - cpu) / count;
      const cpuSimMs = (servizio.cpuSimulatoreMs() - cpuSim) / count;
      const cpuDb = cpuTrascorsa(db, await cpuBackend(servizio.pool));
      return {
        perSecond: count / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), cpuMs, cpuSimMs, cpuDbMs: cpuDb / count,
        cpuClientiMs: (clienti.user + clienti.system) / 1000 / count, getPerAppalto: letture / count, tappe: await tappe(servizio.pool, osservati),
      };
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
  const righe: Array<[number, number, Round]> = [[1, 1, c1], [1, 16, c16], ...(due ? [[2, 16, due] as [number, number, Round]] : [])];
  printTable('PCP flow end to end (HTTP → process manager → ANAC simulator → CIG)', righe.map(([instances, clients, r]) => ({
    instances, clients, 'confirmed/s': r.perSecond, 'p50 ms': r.p50, 'p95 ms': r.p95, 'service CPU ms / appalto': r.cpuMs, 'GET / appalto': r.getPerAppalto,
  })));
  printTable('CPU ms per appalto confirmed, by process', righe.map(([instances, clients, r]) => ({
    instances, clients, service: r.cpuMs, 'PostgreSQL backends': r.cpuDbMs, simulator: r.cpuSimMs, 'bench clients': r.cpuClientiMs,
    'total / appalto': r.cpuMs + r.cpuDbMs + r.cpuSimMs + r.cpuClientiMs, 'cores busy': ((r.cpuMs + r.cpuDbMs + r.cpuSimMs + r.cpuClientiMs) * r.perSecond) / 1000,
  })));
  printTable('Where an appalto\'s time goes, median ms (see `tappe` in bench/flow.ts)', righe.map(([instances, clients, r]) => ({ instances, clients, ...r.tappe })));
  printJson({
    clients: POLLING ? 'polling' : 'blocking reads',
    confirmed_per_s_c1: c1.perSecond,
    confirmed_per_s_c16: c16.perSecond,
    p50_ms: c16.p50,
    p95_ms: c16.p95,
    p50_ms_c1: c1.p50,
    p95_ms_c1: c1.p95,
    service_cpu_ms_per_appalto_c16: c16.cpuMs,
    db_cpu_ms_per_appalto_c16: c16.cpuDbMs,
    ...(due ? { confirmed_per_s_c16_2i: due.perSecond, service_cpu_ms_per_appalto_c16_2i: due.cpuMs, p50_ms_2i: due.p50, p95_ms_2i: due.p95 } : {}),
  });
}

esegui('flow', main);
