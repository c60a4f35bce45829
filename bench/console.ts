/**
 * `npm run bench:console`: how soon the console's listing ("Richiedi CIG") is interactive, in Debian's
 * chromium (headless), over a service whose listing holds `--appalti` appalti of the buyer's office (default 400)
 * prepared through the API. Each sample opens a fresh browser context already signed in (the session in
 * sessionStorage), loads /console/cig and waits for "CIG e SMART CIG: N di M" with its rows and an enabled CERCA:
 * from navigation start to then is the time-to-interactive. Also reported: the listing's own API call
 * (GET /cig, from the browser's resource timing) and DOMContentLoaded, for cold loads (a fresh context each) and
 * warm ones (one context: the console's files in the browser's cache). Target: p95 ≤ 1000 ms.
 * Options: --appalti N, --campioni N (default 20).
 */
import { chromium } from 'playwright-core';
import { AD5, servizioDiBench } from './servizio.js';
import { esegui, inParallel, machine, percentile, printJson, printTable } from './support.js';

const args = process.argv.slice(2);
const opzione = (nome: string, predefinito: number) => {
  const i = args.indexOf(`--${nome}`);
  return i >= 0 ? Number(args[i + 1]) : predefinito;
};
const APPALTI = opzione('appalti', 400);
const CAMPIONI = opzione('campioni', 20);

async function main(): Promise<void> {
  const servizio = await servizioDiBench('console', { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_BURST: '100000' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const token = await servizio.token('francesca.bianchi', 'Francesca Bianchi');
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
    process.stdout.write(`machine: ${machine()}\npreparing ${APPALTI} appalti with one lot each through the API…\n`);
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

    const sessione = JSON.stringify({ token, utente: { userId: 'francesca.bianchi', nome: 'Francesca Bianchi', ruoli: ['BUYER'], ufficio: 'UFF-TOSCANA-GARE' } });
    const misure: Array<{ tti: number; api: number; dcl: number }> = [];
    const caldo: Array<{ tti: number; api: number; dcl: number }> = [];
    // The warm loads share one context: the browser's cache holds the console's files, as for a user coming back.
    const contestoCaldo = await browser.newContext({ locale: 'it-IT' });
    for (let i = 0; i < 2 * (CAMPIONI + 2); i++) {
      const freddo = i < CAMPIONI + 2;
      const contesto = freddo ? await browser.newContext({ locale: 'it-IT' }) : contestoCaldo;
      if (freddo || i === CAMPIONI + 2) {
        await contesto.addInitScript((s) => {
          (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem('cig-ledger.sessione', s);
        }, sessione);
      }
      const page = await contesto.newPage();
      await page.goto(`${servizio.url}/console/cig`, { waitUntil: 'commit' });
      await page.getByText(/CIG e SMART CIG: \d+ di \d+/).waitFor();
      await page.locator('tbody tr').first().waitFor();
      await page.getByRole('button', { name: 'CERCA', exact: true }).waitFor();
      const m = await page.evaluate(() => {
        const g = globalThis as unknown as { performance: { now(): number; getEntriesByType(t: string): Array<{ name: string; responseEnd: number; startTime: number; domContentLoadedEventEnd?: number }> } };
        const nav = g.performance.getEntriesByType('navigation')[0];
        const api = g.performance.getEntriesByType('resource').find((r) => new URL(r.name).pathname === '/cig');
        return { tti: g.performance.now(), api: api ? api.responseEnd - api.startTime : NaN, dcl: nav?.domContentLoadedEventEnd ?? NaN };
      });
      if (!(await page.getByRole('button', { name: 'CERCA', exact: true }).isEnabled())) throw new Error('CERCA is not enabled');
      if (freddo && i >= 2) misure.push(m);
      if (!freddo && i >= CAMPIONI + 4) caldo.push(m);
      if (freddo) await contesto.close();
      else await page.close();
    }
    await contestoCaldo.close();
    const riga = (nome: string, v: number[]) => ({ measure: nome, 'p50 ms': percentile(v, 50), 'p95 ms': percentile(v, 95), 'max ms': Math.max(...v) });
    const tti = misure.map((m) => m.tti);
    printTable(`Console listing, ${APPALTI} appalti of the office, ${CAMPIONI} cold loads (fresh context each)`, [
      riga('time-to-interactive (navigation start → rows and CERCA)', tti),
      riga('GET /cig as the browser saw it', misure.map((m) => m.api)),
      riga('DOMContentLoaded', misure.map((m) => m.dcl)),
    ]);
    printTable(`Console listing, ${APPALTI} appalti of the office, ${CAMPIONI} warm loads (the console's files cached)`, [
      riga('time-to-interactive (navigation start → rows and CERCA)', caldo.map((m) => m.tti)),
      riga('GET /cig as the browser saw it', caldo.map((m) => m.api)),
      riga('DOMContentLoaded', caldo.map((m) => m.dcl)),
    ]);
    const ttiCaldo = caldo.map((m) => m.tti);
    printJson({
      appalti: APPALTI, campioni: CAMPIONI, ttiP50Ms: percentile(tti, 50), ttiP95Ms: percentile(tti, 95), ttiCaldoP50Ms: percentile(ttiCaldo, 50), ttiCaldoP95Ms: percentile(ttiCaldo, 95),
      obiettivo1000Ms: percentile(tti, 95) <= 1000,
    });
  } finally {
    await browser.close();
    await servizio.close();
  }
}

esegui('bench:console', main);
