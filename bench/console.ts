/**
 * `npm run bench:console`: how soon the console's listing ("Richiedi CIG") is interactive, in Debian's
 * chromium (headless). Each sample opens a browser context already signed in (the session in sessionStorage),
 * loads /console/cig and records, in the page, the first moment "CIG e SMART CIG: N di M", a row of the table
 * and an enabled CERCA are all there, once that frame is painted: from navigation start to then is the
 * time-to-interactive. Also reported: the listing's API call (GET /cig, from the browser's resource timing),
 * DOMContentLoaded and the requests made before interactive, for cold loads (a fresh context each: nothing
 * cached) and warm ones (one context: the console's hashed files in the browser's cache). Target: p95 ≤ 1000 ms.
 *
 * Two databases:
 * - by default a scratch one holding `--appalti` appalti of the buyer's office (default 400), prepared through the API;
 * - with BENCH_CONSOLE_DATABASE_URL, a database already seeded by `bench:seed` (e.g. a copy of it:
 *   `createdb -T cig_bench cig_bench_console`), used as it is: the buyer works in its largest office. The
 *   service migrates it (nothing to do on an up-to-date seed) and, like an instance that has been running, its
 *   consumers start at the head of the log: those without a checkpoint get one there, so none replays the
 *   seed's history (nor calls ANAC for it). Nothing else is written.
 * Options: --appalti N, --campioni N (default 20).
 */
import pg from 'pg';
import { chromium, type BrowserContext } from 'playwright-core';
import { CheckpointStore, PostgresEventStore } from '#event-store';
import { ConsumerRegistry } from '../apps/cig-service/src/infrastructure/consumer-registry.js';
import { AD5, servizioDiBench, type Titolare } from './servizio.js';
import { esegui, inParallel, machine, percentile, printJson, printTable } from './support.js';

const args = process.argv.slice(2);
const opzione = (nome: string, predefinito: number) => {
  const i = args.indexOf(`--${nome}`);
  return i >= 0 ? Number(args[i + 1]) : predefinito;
};
const APPALTI = opzione('appalti', 400);
const CAMPIONI = opzione('campioni', 20);
const DB_SEMINATO = process.env.BENCH_CONSOLE_DATABASE_URL;
const ENV = { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_BURST: '100000' };

/** One load as the page measured it. */
interface Misura {
  readonly tti: number;
  readonly api: number;
  readonly apiInizio: number;
  readonly dcl: number;
  readonly richieste: number;
}

/**
 * Runs in the page before its own scripts: records `performance.now()` once the listing is interactive — its
 * count, a row and an enabled CERCA in the DOM — after the frame that shows them (rAF, then a task).
 */
function osservaInterattivita(): void {
  const g = globalThis as unknown as {
    __interattiva?: number;
    document: { querySelector(s: string): { textContent: string | null; disabled?: boolean } | null; querySelectorAll(s: string): ArrayLike<{ textContent: string | null; disabled?: boolean }> };
    MutationObserver: new (f: () => void) => { observe(n: unknown, o: unknown): void; disconnect(): void };
    requestAnimationFrame(f: () => void): void;
    setTimeout(f: () => void, ms: number): void;
    performance: { now(): number };
  };
  const pronta = () => {
    const conteggio = g.document.querySelector('[data-testid="conteggio"]');
    const cerca = Array.from(g.document.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'CERCA');
    return /CIG e SMART CIG: \d+ di \d+/.test(conteggio?.textContent ?? '') && g.document.querySelector('tbody tr') !== null && cerca !== undefined && !cerca.disabled;
  };
  let vista = false;
  const osservatore = new g.MutationObserver(() => {
    if (vista || !pronta()) return;
    vista = true;
    osservatore.disconnect();
    g.requestAnimationFrame(() => g.setTimeout(() => (g.__interattiva = g.performance.now()), 0));
  });
  osservatore.observe(g.document, { childList: true, subtree: true, characterData: true, attributes: true });
}

/** The names of the service's consumers, read from a short-lived instance on a scratch database. */
async function nomiDeiConsumatori(): Promise<string[]> {
  const s = await servizioDiBench('console-consumatori', ENV);
  try {
    return (await s.service.app.get(ConsumerRegistry).lag()).map((c) => c.consumer);
  } finally {
    await s.close();
  }
}

/**
 * The seeded database as a running instance would find it: every consumer of the service with a checkpoint (those
 * the seed did not build start at the head of the log); the largest office and one of its CdC, for the buyer.
 */
async function preparaDbSeminato(url: string): Promise<{ titolare: Titolare; righe: number; righeUfficio: number; allineati: string[] }> {
  const nomi = await nomiDeiConsumatori();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const { rows: uffici } = await pool.query<{ ufficio: string; n: string; tot: string }>(
      'SELECT ufficio, sum(n)::text AS n, sum(sum(n)) OVER ()::text AS tot FROM rm_cig_listing_conteggi GROUP BY ufficio ORDER BY sum(n) DESC LIMIT 1',
    );
    const ufficio = uffici[0];
    if (!ufficio) throw new Error('the database holds no listing: seed it with npm run bench:seed');
    const { rows: cdc } = await pool.query<{ cdc: string; sa: string }>('SELECT cdc_codice AS cdc, sa_cf AS sa FROM rm_cig_listing WHERE ufficio = $1 LIMIT 1', [ufficio.ufficio]);
    const checkpoints = new CheckpointStore(pool);
    await checkpoints.migrate();
    const testa = await new PostgresEventStore(pool).headPosition();
    const allineati: string[] = [];
    for (const nome of nomi) {
      if (testa === undefined || (await checkpoints.load(nome)) !== undefined) continue;
      await checkpoints.save(pool, nome, undefined, testa);
      allineati.push(nome);
    }
    return {
      titolare: { ufficio: ufficio.ufficio, centriDiCosto: [cdc[0]!.cdc], stazioneAppaltante: cdc[0]!.sa },
      righe: Number(ufficio.tot),
      righeUfficio: Number(ufficio.n),
      allineati,
    };
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  process.stdout.write(`machine: ${machine()}\n`);
  const seminato = DB_SEMINATO ? await preparaDbSeminato(DB_SEMINATO) : undefined;
  if (seminato) {
    process.stdout.write(`seeded database: ${seminato.righe} listing rows, office ${seminato.titolare.ufficio} with ${seminato.righeUfficio}; consumers started at the head: ${seminato.allineati.join(', ') || 'none'}\n`);
  }
  const servizio = await servizioDiBench('console', { ...ENV, ...(seminato ? { AUTH_TRUST_TOKEN_CLAIMS: 'true' } : {}) }, {}, { databaseUrl: DB_SEMINATO });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const utente = { userId: 'francesca.bianchi', nome: 'Francesca Bianchi', ruoli: ['BUYER'], ufficio: seminato?.titolare.ufficio ?? 'UFF-TOSCANA-GARE' };
    const token = await servizio.token(utente.userId, utente.nome, ['BUYER'], seminato?.titolare);
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${servizio.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    if (!seminato) {
      process.stdout.write(`preparing ${APPALTI} appalti with one lot each through the API…\n`);
      const t0 = performance.now();
      await inParallel(4, APPALTI, async (_w, i) => {
        const { id } = await call('POST', '/appalti', AD5.appalto(`Fornitura di materiale di cancelleria n. ${i + 1}`));
        await call('POST', `/appalti/${String(id)}/lotti`, AD5.lotto);
      });
      // The listing is a projection: wait until it holds every row.
      for (;;) {
        const p = await call('GET', '/cig?limite=1');
        if (Number(p.totale) >= APPALTI) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      process.stdout.write(`prepared in ${Math.round((performance.now() - t0) / 1000)} s\n`);
    }
    const righe = seminato ? `${seminato.righeUfficio} lots of the office in a listing of ${seminato.righe}` : `${APPALTI} appalti of the office`;

    const sessione = JSON.stringify({ token, utente });
    const conSessione = async (c: BrowserContext) => {
      await c.addInitScript((s) => {
        (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem('cig-ledger.sessione', s);
      }, sessione);
      await c.addInitScript(osservaInterattivita);
    };
    const carica = async (contesto: BrowserContext): Promise<Misura> => {
      const page = await contesto.newPage();
      await page.goto(`${servizio.url}/console/cig`, { waitUntil: 'commit' });
      await page.waitForFunction(() => (globalThis as unknown as { __interattiva?: number }).__interattiva !== undefined, undefined, { timeout: 60_000, polling: 50 });
      const m = await page.evaluate(() => {
        const g = globalThis as unknown as {
          __interattiva: number;
          performance: { getEntriesByType(t: string): Array<{ name: string; responseEnd: number; startTime: number; domContentLoadedEventEnd?: number }> };
        };
        const nav = g.performance.getEntriesByType('navigation')[0];
        const risorse = g.performance.getEntriesByType('resource');
        const api = risorse.find((r) => new URL(r.name).pathname === '/cig');
        return {
          tti: g.__interattiva,
          api: api ? api.responseEnd - api.startTime : NaN,
          apiInizio: api ? api.startTime : NaN,
          dcl: nav?.domContentLoadedEventEnd ?? NaN,
          // The document itself and every file or call started before the listing was interactive.
          richieste: 1 + risorse.filter((r) => r.startTime < g.__interattiva).length,
        };
      });
      await page.close();
      return m;
    };

    const freddi: Misura[] = [];
    // Two loads to warm the service (its first queries, the JIT), then the samples.
    for (let i = 0; i < CAMPIONI + 2; i++) {
      const contesto = await browser.newContext({ locale: 'it-IT' });
      await conSessione(contesto);
      const m = await carica(contesto);
      if (i >= 2) freddi.push(m);
      await contesto.close();
    }
    // The warm loads share one context: the browser's cache holds the console's files, as for a user coming back.
    const caldi: Misura[] = [];
    const contestoCaldo = await browser.newContext({ locale: 'it-IT' });
    await conSessione(contestoCaldo);
    for (let i = 0; i < CAMPIONI + 1; i++) {
      const m = await carica(contestoCaldo);
      if (i >= 1) caldi.push(m);
    }
    await contestoCaldo.close();

    const riga = (nome: string, v: number[]) => ({ measure: nome, 'p50 ms': percentile(v, 50), 'p95 ms': percentile(v, 95), 'max ms': Math.max(...v) });
    const tabella = (titolo: string, m: Misura[]) =>
      printTable(titolo, [
        riga('time-to-interactive (navigation start → count, rows and CERCA painted)', m.map((x) => x.tti)),
        riga('GET /cig started at', m.map((x) => x.apiInizio)),
        riga('GET /cig as the browser saw it', m.map((x) => x.api)),
        riga('DOMContentLoaded', m.map((x) => x.dcl)),
        { measure: 'requests before interactive', 'p50 ms': percentile(m.map((x) => x.richieste), 50), 'p95 ms': percentile(m.map((x) => x.richieste), 95), 'max ms': Math.max(...m.map((x) => x.richieste)) },
      ]);
    tabella(`Console listing, ${righe}, ${CAMPIONI} cold loads (fresh context each)`, freddi);
    tabella(`Console listing, ${righe}, ${CAMPIONI} warm loads (the console's files cached)`, caldi);
    const tti = freddi.map((m) => m.tti);
    const ttiCaldo = caldi.map((m) => m.tti);
    printJson({
      righeListing: seminato?.righe ?? APPALTI, righeUfficio: seminato?.righeUfficio ?? APPALTI, campioni: CAMPIONI,
      ttiP50Ms: percentile(tti, 50), ttiP95Ms: percentile(tti, 95), ttiCaldoP50Ms: percentile(ttiCaldo, 50), ttiCaldoP95Ms: percentile(ttiCaldo, 95),
      apiP50Ms: percentile(freddi.map((m) => m.api), 50), richiesteP50: percentile(freddi.map((m) => m.richieste), 50),
      obiettivo1000Ms: percentile(tti, 95) <= 1000,
    });
  } finally {
    await browser.close();
    await servizio.close();
  }
}

esegui('console', main);
