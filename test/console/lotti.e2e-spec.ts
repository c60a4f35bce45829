import { startTestService, SENZA_LIMITE_RICHIESTE } from '../support/service.js';
import { preparaAd5 } from '../support/appalti.js';
import { consoleNelBrowser, senzaViolazioniGravi } from '../support/browser.js';

/**
 * Richiesta CIG in the console, filling the draft: DATI DI GARA's centro di costo from the directory and
 * "Trova e seleziona RUP" among the responsabili of that centro di costo; ELENCO LOTTI adds and changes lots,
 * showing the service's Italian messages by field when a value is wrong.
 */
describe('console: RUP, centro di costo and lots of a draft', () => {
  const { t, entra } = consoleNelBrowser(() => startTestService({ ...SENZA_LIMITE_RICHIESTE }));

  it('chooses the centro di costo and its RUP, adds a lot (after a wrong importo) and changes another', async () => {
    // The responsabile e-procurement of the office, who works on both centri di costo of the office.
    const buyer = t.as('marco.giovannetti');
    const id = await preparaAd5(buyer);
    const page = await entra('marco.giovannetti');
    await page.goto(`${t.url}/console/appalti/${id}`);
    await page.getByTestId('cdc-attuale').getByText('CDC-TOSCANA-CONTRATTI').waitFor();

    // DATI DI GARA: another centro di costo, then the RUP among its responsabili (the list arrives after the page).
    await page.getByLabel('Centro di costo richiedente').locator('option[value="CDC-TOSCANA-TECNOLOGIE"]').waitFor({ state: 'attached' });
    const centri = await page.getByLabel('Centro di costo richiedente').locator('option').allTextContents();
    expect(centri).toEqual(['Scegli…', 'CDC-TOSCANA-CONTRATTI — Settore Contratti', 'CDC-TOSCANA-TECNOLOGIE — Ufficio Tecnologie']);
    await page.getByLabel('Centro di costo richiedente').selectOption('CDC-TOSCANA-TECNOLOGIE');
    await page.getByRole('button', { name: 'Trova e seleziona RUP' }).click();
    const trovati = page.getByRole('group', { name: 'RUP del centro di costo CDC-TOSCANA-TECNOLOGIE' });
    await trovati.waitFor();
    const nomi = await trovati.getByRole('radio').evaluateAll((els) => els.map((e) => (e as unknown as { labels: Array<{ textContent: string }> }).labels[0]!.textContent));
    expect(nomi).toEqual(['Marco Giovannetti (GVNMRC70A01D612Q)']);
    // Bootstrap Italia draws the radio on its label: the user clicks the label.
    await trovati.getByText('Marco Giovannetti (GVNMRC70A01D612Q)').click();
    await expect(trovati.getByLabel('Marco Giovannetti (GVNMRC70A01D612Q)').isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'SALVA RUP E CENTRO DI COSTO' }).click();
    await page.getByTestId('cdc-attuale').getByText('CDC-TOSCANA-TECNOLOGIE').waitFor();
    const dopo = await buyer.request('GET', `/appalti/${id}`);
    expect(dopo.body.centroDiCosto.codice).toBe('CDC-TOSCANA-TECNOLOGIE');
    expect(dopo.body.rup.codiceFiscale).toBe('GVNMRC70A01D612Q');

    // ELENCO LOTTI: a new lot; a wrong importo is named by the service, in Italian.
    await page.getByRole('tab', { name: /ELENCO LOTTI/ }).click();
    await page.getByRole('button', { name: 'AGGIUNGI LOTTO' }).click();
    const nuovo = page.getByRole('form', { name: 'Nuovo lotto' });
    await nuovo.getByLabel('Oggetto del lotto').fill('Toner per stampanti');
    await nuovo.getByLabel('Importo (euro, IVA esclusa)').fill('mille');
    await nuovo.getByLabel('CPV del lotto').fill('30192000-1');
    await nuovo.getByLabel('Codice ISTAT del luogo di esecuzione').fill('048017');
    await nuovo.getByRole('button', { name: 'AGGIUNGI LOTTO' }).click();
    await nuovo.getByRole('alert').getByText(/importo/).waitFor();
    await senzaViolazioniGravi(page);
    await nuovo.getByLabel('Importo (euro, IVA esclusa)').fill('900.00');
    await nuovo.getByRole('button', { name: 'AGGIUNGI LOTTO' }).click();
    await page.getByRole('cell', { name: 'Toner per stampanti' }).waitFor();
    let lotti = (await buyer.request('GET', `/appalti/${id}`)).body.lotti as Array<{ lotIdentifier: string; oggetto: string; importo: string }>;
    expect(lotti.map((l) => [l.oggetto, l.importo])).toEqual([
      ['Fornitura di materiale di cancelleria', '1250.00'],
      ['Toner per stampanti', '900.00'],
    ]);

    // Change the first lot: its award (the winner) stays.
    await page.getByRole('button', { name: `Modifica il lotto ${lotti[0]!.lotIdentifier}` }).click();
    const modifica = page.getByRole('form', { name: `Modifica lotto ${lotti[0]!.lotIdentifier}` });
    await expect(modifica.getByLabel('Codice fiscale dell’aggiudicatario (affidamento diretto)').inputValue()).resolves.toBe('01234567897');
    await modifica.getByLabel('Oggetto del lotto').fill('Carta e cancelleria');
    await modifica.getByRole('button', { name: 'SALVA LOTTO' }).click();
    await page.getByRole('cell', { name: 'Carta e cancelleria' }).waitFor();
    lotti = (await buyer.request('GET', `/appalti/${id}`)).body.lotti;
    expect(lotti[0]).toMatchObject({ oggetto: 'Carta e cancelleria', importo: '1250.00', aggiudicazione: { partecipanti: [{ codiceFiscale: '01234567897' }] } });
    await page.screenshot({ path: 'docs/img/console-elenco-lotti.png', fullPage: true });
    await senzaViolazioniGravi(page);
  });
});
