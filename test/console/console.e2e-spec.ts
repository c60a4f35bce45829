import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, startTestService } from '../support/service.js';
import { CDC, cigConfermato, lottoAd5, preparaAd5, RUP } from '../support/appalti.js';
import { loadOrCreateDevKeys, ManualClock } from '#platform';
import { consoleNelBrowser, IMG, senzaViolazioniGravi } from '../support/browser.js';
import pg from 'pg';

/**
 * The web console (apps/console) in Debian's chromium, headless, against the real service: development login
 * with a user of the demo directory, the Richiedi CIG listing and a procedure, what another office sees;
 * axe-core finds nothing serious or critical on each page, whose screenshot goes to docs/img/.
 */
describe('console web', () => {
  const { t, pagina, entra } = consoleNelBrowser(() => startTestService({ RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_MINUTE: '100000' }));

  it('serves the console at / and its client routes with a strict CSP, keeping /docs and the API as they were', async () => {
    const home = await t.request('GET', '/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    const csp = home.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(home.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect((await t.request('GET', '/console/appalti/qualcosa')).text).toBe(home.text);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(home.text)![1]!;
    const js = await t.request('GET', asset);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    // Hashed files are cached for good; the page that names them is asked again every time.
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(home.headers.get('cache-control')).toBe('no-cache');
    expect((await t.request('GET', '/docs')).headers.get('content-security-policy')).toContain("'unsafe-inline'");
    expect((await t.request('GET', '/cig')).status).toBe(401);
    expect((await t.request('GET', '/assets/manca.js')).status).toBe(404);
  });

  it('development login mints a token for a user of the demo directory, only with development keys', async () => {
    const utenti = await t.request('GET', '/accesso/sviluppo/utenti');
    expect(utenti.body.map((u: { userId: string }) => u.userId)).toContain('francesca.bianchi');
    const accesso = await t.request('POST', '/accesso/sviluppo', { userId: 'francesca.bianchi' });
    expect(accesso.status).toBe(200);
    expect((await t.request('GET', '/cig', undefined, { authorization: `Bearer ${accesso.body.token}` })).status).toBe(200);
    expect((await t.request('POST', '/accesso/sviluppo', { userId: 'nessuno' })).status).toBe(404);
    expect((await t.request('POST', '/accesso/sviluppo', {})).status).toBe(400);

    // With an identity provider's key (as in production) there is no development login.
    const dir = mkdtempSync(join(tmpdir(), 'console-idp-'));
    const chiavi = await loadOrCreateDevKeys(dir);
    writeFileSync(join(dir, 'idp.pem'), chiavi.publicKeyPem);
    const prod = await startTestService({ AUTH_PUBLIC_KEY_FILE: join(dir, 'idp.pem') }, { db: t.db, sim: t.sim });
    try {
      expect((await prod.request('POST', '/accesso/sviluppo', { userId: 'francesca.bianchi' })).status).toBe(404);
      expect((await prod.request('GET', '/accesso/sviluppo/utenti')).status).toBe(404);
    } finally {
      await prod.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a buyer logs in, finds her CIG in Richiedi CIG and opens the procedure; another office does not see it', async () => {
    const buyer = t.as('francesca.bianchi');
    const id = await preparaAd5(buyer);
    expect((await buyer.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
    const cig = await eventually(async () => {
      const r = await buyer.request('GET', `/cig?codice=${id}`);
      return r.body.risultati?.find((x: { cig: string | null }) => x.cig)?.cig as string | undefined;
    }, 20_000, 'the CIG in the listing');

    const page = await pagina();
    const errori: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errori.push(m.text()); });
    await page.goto(t.url);
    await page.getByRole('heading', { name: 'Accesso' }).waitFor();
    await senzaViolazioniGravi(page);
    await page.screenshot({ path: `${IMG}/console-accesso.png`, fullPage: true });
    await page.getByLabel('Utente').selectOption('francesca.bianchi');
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByText(/CIG e SMART CIG: \d+ di \d+/).waitFor();
    await page.getByRole('cell', { name: cig }).waitFor();
    await senzaViolazioniGravi(page);
    await page.screenshot({ path: `${IMG}/console-richiedi-cig.png`, fullPage: true });

    await page.getByLabel('CIG', { exact: true }).fill(cig);
    await page.getByRole('button', { name: 'CERCA', exact: true }).click();
    await page.getByText('CIG e SMART CIG: 1 di 1').waitFor();
    await page.getByRole('link', { name: /Vai alla procedura/ }).first().click();
    await page.getByRole('heading', { name: 'Richiesta CIG' }).waitFor();
    expect(page.url()).toBe(`${t.url}/console/appalti/${id}`);
    await page.getByRole('tab', { name: 'ELENCO LOTTI' }).click();
    await page.getByRole('cell', { name: cig }).waitFor();
    await senzaViolazioniGravi(page);
    await page.screenshot({ path: `${IMG}/console-richiesta-cig.png`, fullPage: true });

    // Another office of the same contracting authority: the CIG is not in its listing.
    await page.getByRole('button', { name: 'Esci' }).click();
    await page.getByLabel('Utente').selectOption('giulia.mancini');
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByText(/CIG e SMART CIG: \d+ di \d+/).waitFor();
    expect(await page.getByRole('cell', { name: cig }).count()).toBe(0);
    expect(errori).toEqual([]);
  });

  it('a buyer sees the red marker of verifica on CLASSIFICAZIONE, fixes the CPV, sends and sees the CIG arrive', async () => {
    const buyer = t.as('francesca.bianchi');
    // An AD5 with a mistake: no CPV in its classification.
    const creato = await buyer.request('POST', '/appalti', {
      scheda: 'AD5',
      tipoProcedura: 'AFFIDAMENTO_DIRETTO',
      centroDiCosto: CDC,
      rup: RUP,
      datiGara: { oggetto: 'Fornitura di toner', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' },
    });
    expect(creato.status).toBe(201);
    const id = creato.body.id as string;
    expect((await buyer.request('POST', `/appalti/${id}/lotti`, lottoAd5())).status).toBe(201);

    const page = await entra('francesca.bianchi');
    await page.goto(`${t.url}/console/appalti/${id}`);
    await page.getByRole('heading', { name: 'Richiesta CIG' }).waitFor();
    await page.getByRole('button', { name: 'VERIFICA' }).click();
    await page.getByTestId('marcatore-CLASSIFICAZIONE').waitFor();
    expect(await page.getByTestId('marcatore-DATI DI GARA').count()).toBe(0);
    expect(await page.getByRole('tab', { name: /CLASSIFICAZIONE/ }).getAttribute('aria-selected')).toBe('true');
    await page.getByText('Inserire almeno una categoria principale di terzo livello').waitFor();
    expect(await page.getByLabel('CPV principale (prevalente)').getAttribute('aria-invalid')).toBe('true');
    await senzaViolazioniGravi(page);
    await page.screenshot({ path: `${IMG}/console-verifica.png`, fullPage: true });

    // The CPV is found in ANAC's list by words of its description; choosing it fills the field.
    await page.getByLabel("Cerca nell'elenco CPV di ANAC").fill('toner stampanti');
    const voci = page.getByTestId('voci-cpv');
    await voci.getByRole('button', { name: '30125110 — Toner per stampanti laser/apparecchi fax' }).waitFor();
    expect(await voci.getByRole('button').allTextContents()).toEqual(['30125110 — Toner per stampanti laser/apparecchi fax']);
    await page.getByLabel("Cerca nell'elenco CPV di ANAC").fill('materiale per ufficio');
    await voci.getByRole('button', { name: '30192000 — Materiale per ufficio' }).click();
    expect(await page.getByLabel('CPV principale (prevalente)').inputValue()).toBe('30192000-');
    await page.screenshot({ path: `${IMG}/console-classificazione.png`, fullPage: true });
    await page.getByLabel('CPV principale (prevalente)').press('1');
    expect(await page.getByLabel('CPV principale (prevalente)').inputValue()).toBe('30192000-1');
    await page.getByRole('button', { name: 'SALVA' }).click();
    await page.getByText('Classificazione salvata.').waitFor();
    expect(JSON.stringify((await buyer.request('GET', `/appalti/${id}`)).body)).toContain('30192000-1');
    await page.getByRole('button', { name: 'VERIFICA' }).click();
    await page.getByText('Verifica superata: la richiesta può essere inviata.').waitFor();
    expect(await page.getByTestId('marcatore-CLASSIFICAZIONE').count()).toBe(0);
    await page.getByRole('button', { name: 'INVIA' }).click();
    await page.getByText(/Richiesta inviata ad ANAC/).waitFor();
    await page.getByRole('tab', { name: 'ELENCO LOTTI' }).click();
    const cig = page.getByRole('cell', { name: /^[A-Z0-9]{10}$/ });
    await cig.waitFor({ timeout: 30_000 });
    await page.getByTestId('stato-appalto').getByText('CONF').waitFor();
    const a = await buyer.request('GET', `/appalti/${id}`);
    expect(await cig.textContent()).toBe(a.body.lotti[0].cig);
  });

  it('an auditor reads the state of a CIG as of before it was assigned; the RPCT sees the tampered record named', async () => {
    const clock = t.clock as ManualClock;
    const buyer = t.as('francesca.bianchi');
    clock.set('2024-02-01T10:00:00Z');
    const id = await preparaAd5(buyer);
    clock.set('2024-02-10T10:00:00Z');
    expect((await buyer.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
    const cig = await cigConfermato(buyer, id);

    const page = await entra('paola.neri');
    await page.getByRole('link', { name: 'Storia di un CIG' }).click();
    await page.getByLabel('CIG', { exact: true }).fill(cig);
    await page.getByLabel('Alla data (vuoto: oggi)').fill('2024-02-05');
    await page.getByRole('button', { name: 'CERCA' }).click();
    await page.getByTestId('stato-allora').getByText('non ancora assegnato').waitFor();
    await page.getByText(/Eventi successivi a quella data: \d+/).waitFor();
    await senzaViolazioniGravi(page);
    await page.screenshot({ path: `${IMG}/console-storia.png`, fullPage: true });
    await page.getByLabel('Alla data (vuoto: oggi)').fill('');
    await page.getByRole('button', { name: 'CERCA' }).click();
    await page.getByTestId('stato-allora').getByText('Perfezionata').waitFor();
    await page.getByRole('button', { name: 'Esci' }).click();

    // RPCT: the trail verifies intact, then a record altered in SQL is named by the verification.
    await page.getByLabel('Utente').selectOption('sara.ferri');
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByRole('link', { name: 'Registro di audit' }).click();
    await page.getByText('npm run cli -- audit verifica-export audit.jsonl --chiave-pubblica chiave.pem').waitFor();
    await page.getByRole('button', { name: 'VERIFICA IL REGISTRO' }).click();
    await page.getByText(/Registro integro: \d+ record/).waitFor({ timeout: 30_000 });
    const [pem] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'SCARICA CHIAVE PUBBLICA (PEM)' }).click()]);
    expect(readFileSync(await pem.path(), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);

    const db = new pg.Client({ connectionString: t.db.url });
    await db.connect();
    const { rows } = await db.query<{ seq: string }>('SELECT min(seq)::text AS seq FROM rm_audit');
    await db.query("UPDATE rm_audit SET motivazione = 'alterato a mano' WHERE seq = $1", [rows[0]!.seq]);
    await db.end();
    await page.getByRole('button', { name: 'VERIFICA IL REGISTRO' }).click();
    const rapporto = page.getByTestId('manomissione');
    await rapporto.waitFor({ timeout: 30_000 });
    expect(await rapporto.textContent()).toContain(`ALTERATO al record n. ${rows[0]!.seq}`);
    await senzaViolazioniGravi(page);
    await page.screenshot({ path: `${IMG}/console-registro.png`, fullPage: true });
  });

  it('a buyer copies a request into a new draft and deletes the copy with a motivo', async () => {
    const buyer = t.as('francesca.bianchi');
    const id = await preparaAd5(buyer);
    const page = await entra('francesca.bianchi');
    await page.goto(`${t.url}/console/appalti/${id}`);
    await page.getByTestId('stato-appalto').getByText('BOZZA').waitFor();
    await page.getByRole('button', { name: 'COPIA' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/console/appalti/') && !u.pathname.endsWith(id));
    const copia = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByTestId('stato-appalto').getByText('BOZZA').waitFor();
    await page.getByRole('button', { name: 'ELIMINA' }).click();
    const conferma = page.getByRole('dialog', { name: 'Eliminare la richiesta?' });
    await conferma.getByLabel('Motivo della cancellazione').fill('richiesta doppia');
    await conferma.getByRole('button', { name: 'ELIMINA' }).click();
    await page.getByText('Richiesta di cancellazione registrata.').waitFor();
    const a = await buyer.request('GET', `/appalti/${copia}`);
    expect(a.body.stato).toBe('CANC');
    expect((await buyer.request('GET', `/appalti/${id}`)).body.stato).toBe('BOZZA');
    await senzaViolazioniGravi(page);
  });
});
