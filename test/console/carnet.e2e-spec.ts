import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ManualClock } from '#platform';
import { startTestService } from '../support/service.js';
import { CDC, ENV_REGIMI, RUP } from '../support/regimi.js';
import { consoleNelBrowser, IMG, senzaViolazioniGravi } from '../support/browser.js';

/** Carnets of SmartCIG (nota SMART CIG 2011) in the console, on a business clock of 2015, in Debian's chromium. */
describe('console web: carnet', () => {
  const { t, entra } = consoleNelBrowser(() => startTestService(ENV_REGIMI, { clock: new ManualClock('2015-03-02T09:00:00.000Z') }));

  it('a carnet issued is listed; in its detail a code is communicated, another cancelled, counts follow, the PDF downloads', async () => {
    const buyer = t.as('francesca.bianchi');
    const rilasciato = await buyer.request('POST', '/carnet', { centroDiCosto: CDC, rup: RUP });
    expect(rilasciato.status).toBe(201);
    const numero = rilasciato.body.numero as string;

    const page = await entra('francesca.bianchi', { acceptDownloads: true });
    await page.getByRole('link', { name: 'Lista CARNET' }).click();
    await page.getByRole('link', { name: numero }).click();
    await page.getByTestId('conteggi-carnet').getByText('CIG non rendicontati: 50 — comunicati: 0 — annullati: 0').waitFor();
    await senzaViolazioniGravi(page);

    const opzioni = await page.getByLabel('CIG del carnet').locator('option').allTextContents();
    const [primo, secondo] = opzioni.filter((o) => o !== 'Scegli un CIG');
    await page.getByLabel('CIG del carnet').selectOption(primo!);
    await page.getByLabel('Oggetto', { exact: true }).fill('stampe digitali');
    await page.getByLabel('Importo').fill('1500.00');
    await page.getByRole('button', { name: 'COMUNICA' }).click();
    await page.getByText(`CIG ${primo} comunicato.`).waitFor();
    await page.getByLabel('CIG del carnet').selectOption(secondo!);
    await page.getByLabel('Motivo').fill('non utilizzato');
    await page.getByRole('button', { name: 'ANNULLA' }).click();
    await page.getByText(`CIG ${secondo} annullato.`).waitFor();
    await page.getByTestId('conteggi-carnet').getByText('CIG non rendicontati: 48 — comunicati: 1 — annullati: 1').waitFor();
    await page.getByRole('row', { name: new RegExp(`${primo} stampe digitali`) }).waitFor();
    await senzaViolazioniGravi(page);
    await page.screenshot({ path: `${IMG}/console-carnet.png`, fullPage: true });

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Scarica PDF' }).click()]);
    const testo = execFileSync('pdftotext', ['-layout', await pdf.path(), '-'], { encoding: 'utf8' });
    expect(testo).toContain(numero);
    expect(testo).toMatch(new RegExp(`${primo}\\s+CIG COMUNICATO\\s+stampe digitali\\s+1\\.?500,00\\s€`));
    expect(testo).toMatch(new RegExp(`${secondo}\\s+CIG ANNULLATO`));
    expect(testo).toMatch(/CIG non rendicontati: 48\s+comunicati: 1\s+annullati: 1/);
    expect(testo).toMatch(/Termine per comunicare i dati \(rendicontazione\): \d{2}\/\d{2}\/\d{4}/);
    expect(testo).toContain('generato il 02/03/2015');
    const pagine = [...testo.matchAll(/Pagina (\d+) di (\d+)/g)].map((m) => `${m[1]}/${m[2]}`);
    expect(pagine).toEqual(['1/2', '2/2']);
    // A grid: the header row is repeated on each page.
    expect(testo.match(/N\.\s+CIG\s+Stato\s+Oggetto\s+Importo/g)).toHaveLength(2);
    // PDF/A-2b: XMP identification, sRGB output intent, every font embedded.
    const grezzo = readFileSync(await pdf.path(), 'latin1');
    expect(grezzo).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(grezzo).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(grezzo).toMatch(/\/S \/GTS_PDFA1/);
    expect(grezzo).toContain('sRGB IEC61966-2.1');
    const font = execFileSync('pdffonts', [await pdf.path()], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(font.length).toBeGreaterThan(0);
    for (const f of font) expect(f).toMatch(/TitilliumWeb\S*\s+(CID )?TrueType.*\byes\s+yes\s+(yes|no)\s+\d+\s+\d+$/);
  });

  it('a single SmartCIG is requested from its form: the code ANAC gives is shown and the service knows it', async () => {
    const page = await entra('francesca.bianchi');
    await page.getByRole('link', { name: 'SMART CIG' }).click();
    await page.getByRole('heading', { name: 'Richiesta SMART CIG' }).waitFor();
    await page.getByLabel('Centro di costo').selectOption(CDC);
    await page.getByLabel('RUP').locator(`option[value="${RUP}"]`).waitFor({ state: 'attached' });
    await page.getByLabel('RUP').selectOption(RUP);
    await page.getByLabel('Oggetto', { exact: true }).fill('manutenzione stampanti');
    await page.getByLabel('Importo (€)').fill('12000,00');
    await page.getByRole('button', { name: 'CONFERMA ED OTTIENI CIG' }).click();
    // An amount the service refuses names its field; corrected, the request goes through.
    await page.getByRole('alert').getByText(/importo/).waitFor();
    await page.getByLabel('Importo (€)').fill('12000.00');
    await page.getByRole('button', { name: 'CONFERMA ED OTTIENI CIG' }).click();
    const cig = (await page.getByTestId('smart-cig-ottenuto').textContent())!.trim();
    expect(cig).toMatch(/^[A-Z][0-9A-F]{9}$/);
    await senzaViolazioniGravi(page);
    const dettaglio = await t.as('francesca.bianchi').request('GET', `/smart-cig/${cig}`);
    expect(dettaglio.status).toBe(200);
    expect(dettaglio.body.dati).toMatchObject({ oggetto: 'manutenzione stampanti', importo: '12000.00' });
    await page.screenshot({ path: `${IMG}/console-smart-cig.png`, fullPage: true });
  });
});
