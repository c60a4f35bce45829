/**
 * `npm run bench:load`: a mixed workload over HTTP — creates, edits, sends to ANAC (simulator),
 * listing and detail queries — from 32 concurrent clients for a fixed time. Each iteration of a
 * client is a create (30%: three requests, the appalto, its CPV and its lot), an edit (20%), a send
 * (10%), a listing (25%) or a detail (15%); in requests that is about 19 / 19 / 19 / 12 / 6 / 15 / 9 %
 * (create / CPV / lot / edit / send / listing / detail), printed by each run. Prints throughput,
 * p50/p95/p99 and error counts, then checks that nothing acknowledged was lost: every 2xx command
 * has its events in the store, exactly. Ends with one JSON line.
 *
 * Meanwhile a local receiver subscribed to every webhook event kind records, for each event, the
 * time from its recording to its first arrival (p50/p95; target p95 ≤ 1 s); after the load the
 * deliveries still queued are awaited (up to 60 s) and counted.
 *
 * The service runs in a process of its own (the compiled main.js), the ANAC simulator in another,
 * the clients here (node:http over kept-alive connections: they share the cores with the service).
 * The CPU per request of the service's process and of PostgreSQL's backends serving the bench's
 * database are read from /proc over the load. The consumers' shared reader of the log is read from the service's /metrics
 * before and after the load: page reads of the log per second (each page once per instance) and
 * catch-up reads of consumers behind its window.
 *
 * Then the cost of the access log: requests/s with and without ACCESS_LOG, in the same run.
 *
 * Options: --seconds N (default 30), --clients N (default 32), --access-log-seconds N (default 24; 0 skips).
 */
import { AD5 } from './servizio.js';
import { cpuBackend, cpuTrascorsa, servizioInProcessi } from './processi.js';
import { clienteHttp, esegui, machine, percentile, printJson, printTable } from './support.js';
import { costoRegistroAccessi } from './registro-accessi.js';
import { RicevitoreDiBench } from './ricevitore-webhook.js';
import { EVENTI_WEBHOOK } from '../apps/cig-service/src/webhook/eventi-webhook.js';

const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1]]));
const SECONDS = Number(args.get('--seconds') ?? 30);
const CLIENTS = Number(args.get('--clients') ?? 32);
/** Seconds of the access-log comparison that follows the mixed load (0: skipped). */
const ACCESS_SECONDS = Number(args.get('--access-log-seconds') ?? 24);

type Tipo = 'crea' | 'classificazione' | 'lotto' | 'modifica' | 'conferma' | 'elenco' | 'dettaglio';
/** Events a successful command must have written (CigRichiesto: one per lot, each appalto has one lot). */
const EVENTI: Partial<Record<Tipo, Record<string, number>>> = {
  crea: { AppaltoCreato: 1 },
  classificazione: { ClassificazioneImpostata: 1 },
  lotto: { LottoAggiunto: 1 },
  modifica: { AppaltoModificato: 1 },
  conferma: { AppaltoInviato: 1, CigRichiesto: 1 },
};

async function main(): Promise<void> {
  const servizio = await servizioInProcessi('load', {
    LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '40', AUTH_TRUST_TOKEN_CLAIMS: 'true', // the bench's users are in the token only
    SUBSCRIPTION_POLL_MS: '50', ANAC_POLL_INITIAL_MS: '50', ANAC_WORKER_CONCURRENCY: '16', ANAC_RATE_PER_S: '1000',
  });
  const latenze: number[] = [];
  let risultati: Record<string, number> = {};
  const stati = new Map<number, number>();
  const perTipo = new Map<Tipo, number>();
  const attesi = new Map<string, number>();
  const appalti: string[] = [];
  const ricevitore = await RicevitoreDiBench.avvia();
  try {
    const url = servizio.urls[0]!;
    const admin = await servizio.token('carico.admin', 'Amministratore', ['ADMIN']);
    const sottoscrizione = await fetch(`${url}/webhook/sottoscrizioni`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: ricevitore.url, segreto: 'segreto-del-ricevitore-di-bench', eventi: EVENTI_WEBHOOK, descrizione: 'bench:load' }),
    });
    if (sottoscrizione.status !== 201) throw new Error(`webhook subscription refused: ${sottoscrizione.status} ${await sottoscrizione.text()}`);
    const tokens = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => servizio.token(`carico.${i}`, `Cliente ${i}`)));
    const http = clienteHttp(url);
    const call = async (token: string, tipo: Tipo, method: string, path: string, body?: unknown) => {
      const started = performance.now();
      const res = await http(method, path, { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body ? JSON.stringify(body) : undefined);
      const json = (res.text ? JSON.parse(res.text) : {}) as Record<string, any>;
      latenze.push(performance.now() - started);
      perTipo.set(tipo, (perTipo.get(tipo) ?? 0) + 1);
      stati.set(res.status, (stati.get(res.status) ?? 0) + 1);
      if (res.status < 300) for (const [tipoEvento, n] of Object.entries(EVENTI[tipo] ?? {})) attesi.set(tipoEvento, (attesi.get(tipoEvento) ?? 0) + n);
      return { status: res.status, json };
    };
    const fine = Date.now() + SECONDS * 1000;
    const cliente = async (token: string, n: number) => {
      const miei: string[] = [];
      for (let i = 0; Date.now() < fine; i++) {
        const r = (n * 7919 + i * 104729) % 100;
        if (r < 30 || miei.length === 0) {
          const creato = await call(token, 'crea', 'POST', '/appalti', AD5.appalto(`Carico ${n}-${i}`));
          if (creato.status !== 201) continue;
          const id = creato.json.id as string;
          appalti.push(id);
          await call(token, 'classificazione', 'PUT', `/appalti/${id}/classificazione`, AD5.classificazione);
          await call(token, 'lotto', 'POST', `/appalti/${id}/lotti`, AD5.lotto);
          miei.push(id);
        } else if (r < 50) {
          await call(token, 'modifica', 'PATCH', `/appalti/${miei[i % miei.length]}`, { datiGara: { oggetto: `Modificato ${i}`, settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' } });
        } else if (r < 60) {
          await call(token, 'conferma', 'POST', `/appalti/${miei.pop()}/conferma`);
        } else if (r < 85) {
          await call(token, 'elenco', 'GET', '/cig?stato=Perfezionata');
        } else {
          await call(token, 'dettaglio', 'GET', `/appalti/${miei[i % miei.length]}`);
        }
      }
    };
    process.stdout.write(
      `machine: ${machine()}\n${CLIENTS} clients for ${SECONDS} s; each iteration of a client: 30% create (+ CPV + lot: three requests), 20% edit, 10% send to ANAC, 25% listing, 15% detail\n`,
    );
    const lettureAllInizio = await lettureDelLog(url);
    // A connection held over the load for the second read: the server's may all be taken by then.
    const sonda = await servizio.pool.connect();
    const pgAllInizio = await cpuBackend(sonda);
    const cpuAllInizio = servizio.cpuMs();
    const clientiAllInizio = process.cpuUsage();
    const started = performance.now();
    await Promise.all(tokens.map((token, n) => cliente(token, n)));
    const seconds = (performance.now() - started) / 1000;
    const cpuPerRichiesta = (servizio.cpuMs() - cpuAllInizio) / latenze.length;
    const clienti = process.cpuUsage(clientiAllInizio);
    const clientiPerRichiesta = (clienti.user + clienti.system) / 1000 / latenze.length;
    const pgAllaFine = await cpuBackend(sonda);
    sonda.release();
    const pgPerRichiesta = cpuTrascorsa(pgAllInizio, pgAllaFine) / latenze.length;
    const lettureAllaFine = await lettureDelLog(url);
    const lettureCondivise = (lettureAllaFine.condivise - lettureAllInizio.condivise) / seconds;
    const lettureDiRecupero = (lettureAllaFine.recupero - lettureAllInizio.recupero) / seconds;

    const { rows } = await servizio.pool.query<{ event_type: string; n: string }>(
      `SELECT event_type, count(*) AS n FROM es_events
        WHERE stream_id = ANY($1) AND metadata->'actor'->>'userId' NOT LIKE 'sistema:%' GROUP BY event_type`,
      [appalti.map((id) => `appalto-${id}`)],
    );
    const trovati = new Map(rows.map((r) => [r.event_type, Number(r.n)]));
    let persi = 0;
    let doppi = 0;
    for (const [tipo, n] of attesi) {
      persi += Math.max(0, n - (trovati.get(tipo) ?? 0));
      doppi += Math.max(0, (trovati.get(tipo) ?? 0) - n);
    }
    // Deliveries queued by the load: awaited, then measured.
    const inCoda = async () =>
      Number((await servizio.pool.query<{ n: string }>("SELECT count(*) AS n FROM webhook_consegne WHERE stato = 'IN_ATTESA'")).rows[0]!.n);
    const limite = Date.now() + 60_000;
    let restanti = await inCoda();
    while (restanti > 0 && Date.now() < limite) {
      await new Promise((r) => setTimeout(r, 200));
      restanti = await inCoda();
    }
    const consegne = ricevitore.misura();
    const tempi = await tempiConsegne(servizio.pool);
    const totale = latenze.length;
    const errori5xx = [...stati].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0);
    const errori4xx = [...stati].filter(([s]) => s >= 400 && s < 500).reduce((a, [, n]) => a + n, 0);
    printTable('mixed load over HTTP', [
      { measure: 'requests', value: totale },
      { measure: 'requests/s', value: totale / seconds },
      { measure: 'p50 ms', value: percentile(latenze, 50) },
      { measure: 'p95 ms', value: percentile(latenze, 95) },
      { measure: 'p99 ms', value: percentile(latenze, 99) },
      { measure: "service's CPU ms per request (user + system)", value: cpuPerRichiesta },
      { measure: "PostgreSQL's CPU ms per request (the bench database's backends)", value: pgPerRichiesta },
      { measure: "the bench's own CPU ms per request (its clients)", value: clientiPerRichiesta },
      { measure: 'mix of requests: create / CPV / lot / edit / send / listing / detail %', value: (['crea', 'classificazione', 'lotto', 'modifica', 'conferma', 'elenco', 'dettaglio'] as const).map((t) => Math.round((100 * (perTipo.get(t) ?? 0)) / totale)).join(' / ') },
      { measure: '4xx (409 conflicts included)', value: errori4xx },
      { measure: '5xx', value: errori5xx },
      { measure: 'acknowledged events missing', value: persi },
      { measure: 'events beyond the acknowledged', value: doppi },
    ]);
    printTable('webhook deliveries to a local receiver subscribed to every kind, during the load (recorded → received)', [
      { measure: 'events received', value: consegne.eventi },
      { measure: 'received again (redeliveries)', value: consegne.ripetizioni },
      { measure: 'p50 ms', value: consegne.p50Ms },
      { measure: 'p95 ms (target ≤ 1000)', value: consegne.p95Ms },
      { measure: 'max ms', value: consegne.maxMs },
      { measure: 'still queued 60 s after the load', value: restanti },
      { measure: 'outbox lag p50 / p95 ms (recorded → queued)', value: `${Math.round(tempi.codaP50)} / ${Math.round(tempi.codaP95)}` },
      { measure: 'send p50 / p95 ms (queued → delivered)', value: `${Math.round(tempi.invioP50)} / ${Math.round(tempi.invioP95)}` },
    ]);
    printTable("the consumers' shared reader of the log during the load (service's /metrics)", [
      { measure: 'shared page reads of the log per second (each page once for every consumer)', value: lettureCondivise },
      { measure: 'catch-up reads per second (a consumer behind the window, on its own)', value: lettureDiRecupero },
    ]);
    risultati = {
      requests_per_s: totale / seconds,
      p50_ms: percentile(latenze, 50),
      p95_ms: percentile(latenze, 95),
      p99_ms: percentile(latenze, 99),
      service_cpu_ms_per_request: cpuPerRichiesta,
      postgres_cpu_ms_per_request: pgPerRichiesta,
      client_cpu_ms_per_request: clientiPerRichiesta,
      errors_5xx: errori5xx,
      errors_4xx: errori4xx,
      lost_events: persi,
      extra_events: doppi,
      requests: totale,
      webhook_events: consegne.eventi,
      webhook_p50_ms: consegne.p50Ms,
      webhook_p95_ms: consegne.p95Ms,
      webhook_max_ms: consegne.maxMs,
      webhook_still_queued: restanti,
      webhook_outbox_lag_p50_ms: tempi.codaP50,
      webhook_outbox_lag_p95_ms: tempi.codaP95,
      webhook_send_p50_ms: tempi.invioP50,
      webhook_send_p95_ms: tempi.invioP95,
      log_shared_reads_per_s: lettureCondivise,
      log_catch_up_reads_per_s: lettureDiRecupero,
    };
    if (errori5xx > 0 || errori4xx > 0) {
      // What went wrong, to tell a saturated machine (timeouts) from a fault: statuses, then the service's first error lines.
      process.stdout.write(`statuses other than 2xx: ${JSON.stringify(Object.fromEntries([...stati].filter(([s]) => s >= 400)))}\n`);
      for (const riga of servizio.uscita().split('\n').filter((r) => r.includes('"level":50')).slice(0, 5)) process.stdout.write(`${riga.slice(0, 600)}\n`);
    }
    if (errori5xx > 0 || persi > 0 || restanti > 0) process.exitCode = 1;
  } finally {
    await servizio.close();
    await ricevitore.chiudi();
  }
  if (ACCESS_SECONDS <= 0) return printJson(risultati);
  // The access log's cost: with and without it, same run, alternating rounds of detail reads.
  const costo = await costoRegistroAccessi(ACCESS_SECONDS, CLIENTS);
  printTable(`access log (ACCESS_LOG), GET /appalti/:id, ${CLIENTS} clients, ${ACCESS_SECONDS} s in alternating rounds`, [
    { measure: 'requests/s without access log', value: costo.senza },
    { measure: 'requests/s with access log', value: costo.con },
    { measure: 'cost %', value: costo.costoPercento },
  ]);
  printJson({ ...risultati, access_log_off_rps: costo.senza, access_log_on_rps: costo.con, access_log_cost_percent: costo.costoPercento });
}

/** The counters of the consumers' reads of the log, from the instance's /metrics. */
async function lettureDelLog(url: string): Promise<{ condivise: number; recupero: number }> {
  const testo = await (await fetch(`${url}/metrics`)).text();
  const valore = (kind: string) => Number(new RegExp(`^consumer_log_reads_total\\{kind="${kind}"\\} (\\S+)$`, 'm').exec(testo)?.[1] ?? Number.NaN);
  return { condivise: valore('shared'), recupero: valore('catch_up') };
}

/**
 * The delivery latency split in two, from the outbox's own timestamps: the event's recording to its
 * delivery row (the outbox consumer's lag behind the log) and the row to its delivery (the worker).
 */
async function tempiConsegne(pool: import('pg').Pool): Promise<{ codaP50: number; codaP95: number; invioP50: number; invioP95: number }> {
  const { rows } = await pool.query<{ coda: number; invio: number }>(
    `SELECT extract(epoch FROM creata_il - (corpo->>'registratoIl')::timestamptz) * 1000 AS coda,
            extract(epoch FROM conclusa_il - creata_il) * 1000 AS invio
       FROM webhook_consegne WHERE stato = 'CONSEGNATA'`,
  );
  const coda = rows.map((r) => Number(r.coda));
  const invio = rows.map((r) => Number(r.invio));
  return { codaP50: percentile(coda, 50), codaP95: percentile(coda, 95), invioP50: percentile(invio, 50), invioP95: percentile(invio, 95) };
}

esegui('load', main);
