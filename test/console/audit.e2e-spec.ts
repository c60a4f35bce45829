import { readFileSync } from 'node:fs';
import { ManualClock } from '#platform';
import { cigConfermato, preparaAd5 } from '../support/appalti.js';
import { consoleNelBrowser, IMG, senzaViolazioniGravi } from '../support/browser.js';
import { eventually, SENZA_LIMITE_RICHIESTE, startTestService } from '../support/service.js';

/**
 * The console's pages for auditors and the anti-corruption officer (RPCT), in Debian's chromium
 * against the real service: what changed in a CIG between two instants, the history downloaded,
 * the audit trail's state and how a verification updates it. axe-core finds nothing serious or
 * critical; the screenshots go to docs/img/.
 */
describe('console web: auditor and RPCT', () => {
  // A signed head every 2 records: the history's events are covered by one (inclusion proofs in the export).
  const web = consoleNelBrowser(() => startTestService({ ...SENZA_LIMITE_RICHIESTE, AUDIT_STH_EVERY: '2', AUDIT_STH_SECONDS: '0', AUDIT_CHECKPOINT_EVERY: '3' }));
  const { t } = web;
  const entra = (userId: string) => web.entra(userId, { timezoneId: 'Europe/Rome', acceptDownloads: true });
  let id: string;
  let cig: string;

  beforeAll(async () => {
    const clock = t.clock as ManualClock;
    const buyer = t.as('francesca.bianchi');
    clock.set('2024-02-01T10:00:00Z');
    id = await preparaAd5(buyer);
    clock.set('2024-02-10T10:00:00Z');
    expect((await buyer.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
    cig = await cigConfermato(buyer, id);
  });

  it('an auditor picks two instants around the CIG assignment, sees what changed and the events between, and downloads the history', async () => {
    const auditor = t.as('paola.neri');
    const page = await entra('paola.neri');
    await page.getByRole('link', { name: 'Storia di un CIG' }).click();
    await page.getByLabel('CIG', { exact: true }).fill(cig);
    await page.getByLabel('Dal (data e ora)').fill('2024-02-05T12:00');
    await page.getByLabel('Al (data e ora; vuoto: adesso)').fill('2024-02-15T12:00');
    await page.getByRole('button', { name: 'CONFRONTA' }).click();
    const confronto = page.getByTestId('confronto');
    await confronto.waitFor();
    expect(await page.getByTestId('stato-dal').textContent()).toContain('CIG non ancora assegnato');
    expect(await page.getByTestId('stato-al').textContent()).not.toContain('CIG non ancora assegnato');

    // The fields that changed: the CIG code appears, absent before.
    const campoCig = confronto.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'cig.cig', exact: true }) });
    expect(await campoCig.getByRole('cell').allTextContents()).toEqual(['—', cig]);
    // The requested state of the appalto changed too (a draft then, perfected after).
    const prima = await auditor.request('GET', `/cig/${cig}/storia?asOf=2024-02-05T11:00:00Z`);
    const dopo = await auditor.request('GET', `/cig/${cig}/storia?asOf=2024-02-15T11:00:00Z`);
    expect(prima.body.stato.appalto.stato).not.toBe(dopo.body.stato.appalto.stato);
    const campoStato = confronto.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'appalto.stato', exact: true }) });
    expect(await campoStato.getByRole('cell').allTextContents()).toEqual([prima.body.stato.appalto.stato, dopo.body.stato.appalto.stato]);

    // The events between the two instants: those of the service's history, effective after the first.
    const tra = (dopo.body.eventi as Array<{ tipo: string; effettivoIl: string }>).filter((e) => e.effettivoIl > '2024-02-05T11:00:00.000Z').map((e) => e.tipo);
    expect(tra).toContain('CigAssegnato');
    await confronto.getByRole('heading', { name: `Eventi tra le due date: ${tra.length}` }).waitFor();
    const righe = confronto.getByRole('table', { name: 'Eventi tra le due date' }).locator('tbody tr');
    expect(await righe.count()).toBe(tra.length);
    expect(await righe.locator('td:nth-child(3)').allTextContents()).toEqual(tra);
    await senzaViolazioniGravi(page);
    await page.screenshot({ path: `${IMG}/console-storia-confronto.png`, fullPage: true });

    // The second instant before the first is refused in Italian, before any call.
    await page.getByLabel('Al (data e ora; vuoto: adesso)').fill('2024-02-01T12:00');
    await page.getByRole('button', { name: 'CONFRONTA' }).click();
    await page.getByRole('alert').getByText('Al: deve seguire Dal').waitFor();

    // The download: the history as the service gives it, with the inclusion proofs of its events.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'SCARICA LA STORIA (JSON)' }).click()]);
    expect(download.suggestedFilename()).toBe(`storia-${cig}.json`);
    const esportata = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    const attuale = await auditor.request('GET', `/cig/${cig}/storia`);
    expect(esportata.cig).toBe(cig);
    expect(esportata.eventi).toEqual(attuale.body.eventi);
    expect(esportata.eventi.map((e: { tipo: string }) => e.tipo)).toContain('CigAssegnato');
    expect(esportata.prove.formato).toBe('cig-ledger/audit-inclusione/v1');
    expect(esportata.prove.prove.length + esportata.prove.nonCoperti.length).toBe(esportata.eventi.length);
    expect(esportata.prove.prove.length).toBeGreaterThan(0);
  });

  it('the RPCT page shows the trail’s state, and the latest verification after one runs', async () => {
    const rpct = t.as('sara.ferri');
    // The audit trail has stopped growing (two reads alike, a signed head there): the state the page will show.
    let prima = '';
    const stato = await eventually(async () => {
      const r = await rpct.request('GET', '/audit/stato');
      const chiave = JSON.stringify(r.body);
      const fermo = r.status === 200 && r.body.ultimaTesta && r.body.ultimoCheckpoint && chiave === prima;
      prima = chiave;
      return fermo ? r.body : (await new Promise((f) => setTimeout(f, 300)), undefined);
    }, 20_000, 'the audit trail');
    const { rows } = await t.db.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM rm_audit');
    expect(stato.record).toBe(rows[0]!.n);

    const page = await entra('sara.ferri');
    await page.getByRole('link', { name: 'Registro di audit' }).click();
    const sezione = page.getByTestId('stato-registro');
    await sezione.getByRole('heading', { name: 'Stato del registro' }).waitFor();
    const num = (n: string) => Number(n).toLocaleString('it-IT');
    expect(await page.getByTestId('stato-record').textContent()).toBe(num(stato.record));
    const testa = await page.getByTestId('stato-testa').textContent();
    expect(testa).toContain(`${num(stato.ultimaTesta.dimensione)} record`);
    expect(testa).toContain(`chiave ${stato.ultimaTesta.chiave}`);
    expect(await page.getByTestId('stato-checkpoint').textContent()).toContain(`record n. ${num(stato.ultimoCheckpoint.seq)}`);
    expect(await page.getByTestId('stato-verifica').textContent()).toBe('nessuna ancora');
    await senzaViolazioniGravi(page);

    await page.getByRole('button', { name: 'VERIFICA IL REGISTRO' }).click();
    await page.getByText(/Registro integro: \d+ record/).waitFor({ timeout: 30_000 });
    const verificata = await rpct.request('GET', '/audit/stato');
    expect(verificata.body.ultimaVerifica).toEqual(expect.objectContaining({ stato: 'CONCLUSA', integra: true }));
    const quando = new Date(verificata.body.ultimaVerifica.conclusaIl).toLocaleString('it-IT', { timeZone: 'Europe/Rome' });
    await page.getByTestId('stato-verifica').getByText(`${quando}: registro integro (${verificata.body.ultimaVerifica.recordControllati.toLocaleString('it-IT')} record)`).waitFor();
    await senzaViolazioniGravi(page);
    await page.screenshot({ path: `${IMG}/console-registro-stato.png`, fullPage: true });
  });
});
