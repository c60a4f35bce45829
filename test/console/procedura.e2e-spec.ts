import type { Page } from 'playwright-core';
import { startTestService } from '../support/service.js';
import { appaltoQuando, preparaAd5, preparaAperta } from '../support/appalti.js';
import { consoleNelBrowser, IMG, senzaViolazioniGravi } from '../support/browser.js';

/**
 * The procedure page (Richiesta CIG) in chromium against the real service and the ANAC simulator: the actions the
 * service allows in each state — ritiro of a request whose conferma waits at ANAC, publication of the avviso,
 * change of the avviso awaiting publication — each behind a confirmation dialog; a refused command shows its
 * problem+json; PERFEZIONAMENTO reads as labelled fields, and a RUP of the office sees no action.
 */
describe('console: the actions of a procedure and PERFEZIONAMENTO', () => {
  const { t, entra } = consoleNelBrowser(() => startTestService({ RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_MINUTE: '100000' }));
  const buyer = t.as('francesca.bianchi');
  afterEach(async () => {
    t.sim.admin.resetFaults();
    await t.sim.admin.setTimings({ pubblicaMs: 0 });
  });

  const appalto = async (id: string) => (await buyer.request('GET', `/appalti/${id}`)).body;
  const finoA = (id: string, condizione: (a: any) => boolean, cosa: string) => appaltoQuando(buyer, id, condizione, cosa);

  /** A page signed in as `userId`, on the procedure `id`. */
  async function procedura(userId: string, id: string): Promise<Page> {
    const page = await entra(userId);
    await page.goto(`${t.url}/console/appalti/${id}`);
    await page.getByRole('heading', { name: 'Richiesta CIG' }).waitFor();
    return page;
  }
  const azioni = (page: Page) => page.getByRole('group', { name: 'Azioni sulla richiesta' });

  it('a request whose conferma waits at ANAC is withdrawn with a motivo after confirmation, then cancelled when ANAC allows', async () => {
    const id = await preparaAd5(buyer);
    t.sim.admin.longWait({ tipoOperazione: 'AP_CONF', ms: 3_600_000 });
    expect((await buyer.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
    await finoA(id, (a) => a.operazioneInCorso?.passo === 'ESITO_CONFERMA', 'the conferma awaited at ANAC');

    const page = await procedura('francesca.bianchi', id);
    // A request at ANAC: it is withdrawn, not deleted nor published.
    expect(await azioni(page).getByRole('button', { name: 'ELIMINA' }).count()).toBe(0);
    expect(await azioni(page).getByRole('button', { name: 'PUBBLICA AVVISO' }).count()).toBe(0);
    await azioni(page).getByRole('button', { name: 'RITIRA LA RICHIESTA' }).click();
    const dialogo = page.getByRole('dialog', { name: 'Ritirare la richiesta?' });
    await dialogo.waitFor();
    // Cancelling the dialog sends nothing.
    await dialogo.getByRole('button', { name: 'ANNULLA' }).click();
    await dialogo.waitFor({ state: 'hidden' });
    expect((await appalto(id)).ritiro).toBeNull();

    await azioni(page).getByRole('button', { name: 'RITIRA LA RICHIESTA' }).click();
    await dialogo.getByLabel('Motivo del ritiro').fill('Affidamento non più necessario');
    await senzaViolazioniGravi(page);
    await page.screenshot({ path: `${IMG}/console-ritiro.png`, fullPage: true });
    await dialogo.getByRole('button', { name: 'RITIRA', exact: true }).click();
    await page.getByText('Ritiro richiesto: la richiesta sarà cancellata appena ANAC lo consente.').waitFor();
    await page.getByTestId('ritiro-richiesto').getByText(/Affidamento non più necessario/).waitFor();
    expect(await azioni(page).getByRole('button', { name: 'RITIRA LA RICHIESTA' }).count()).toBe(0);
    expect((await appalto(id)).ritiro).toMatchObject({ motivo: 'Affidamento non più necessario', richiestoDa: { userId: 'francesca.bianchi' } });

    t.sim.admin.endWaits();
    await finoA(id, (a) => a.stato === 'CANC' && !a.operazioneInCorso, 'CANC after the withdrawal');
    await page.reload();
    await page.getByTestId('stato-appalto').getByText('CANC').waitFor();
    expect(await page.getByTestId('ritiro-richiesto').count()).toBe(0);
    expect(await azioni(page).getByRole('button').allTextContents()).toEqual(['COPIA']);
  });

  it('a request not yet sent (ANAC unreachable) is withdrawn the same way and never reaches ANAC', async () => {
    const id = await preparaAd5(buyer);
    t.sim.admin.outage({ mode: '503' });
    try {
      await buyer.request('POST', `/appalti/${id}/conferma`);
      await finoA(id, (a) => a.operazioneInCorso?.ultimoMessaggio, 'ANAC unreachable');
      const page = await procedura('francesca.bianchi', id);
      await azioni(page).getByRole('button', { name: 'RITIRA LA RICHIESTA' }).click();
      const dialogo = page.getByRole('dialog', { name: 'Ritirare la richiesta?' });
      await dialogo.getByLabel('Motivo del ritiro').fill('Richiesta errata');
      await dialogo.getByRole('button', { name: 'RITIRA', exact: true }).click();
      await page.getByText('Ritiro richiesto: la richiesta sarà cancellata appena ANAC lo consente.').waitFor();
      await finoA(id, (a) => a.stato === 'CANC', 'CANC without ANAC');
      await page.reload();
      await page.getByTestId('stato-appalto').getByText('CANC').waitFor();
      expect((await appalto(id)).idAppaltoAnac).toBeNull();
    } finally {
      t.sim.admin.clearOutages();
    }
    expect(t.sim.admin.countByCodiceAppalto()[id]).toBeUndefined();
  });

  it('a confirmed open procedure is published after confirmation; PERFEZIONAMENTO shows the avviso, then its change replaces the CIGs', async () => {
    await t.sim.admin.setTimings({ pubblicaMs: 600_000 });
    const id = await preparaAperta(buyer, 1);
    expect((await buyer.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
    const confermato = await finoA(id, (a) => a.stato === 'CONF' && !a.operazioneInCorso, 'CONF');
    const vecchio = confermato.lotti[0].cig as string;

    // A RUP of the office reads the request but is offered no action, and the avviso is read-only.
    const rup = await procedura('anna.rossi', id);
    await rup.getByTestId('stato-appalto').getByText('CONF').waitFor();
    expect(await azioni(rup).getByRole('button', { name: /PUBBLICA|RITIRA|ELIMINA|MODIFICA/ }).count()).toBe(0);
    await rup.getByRole('tab', { name: 'PERFEZIONAMENTO' }).click();
    await rup.getByTestId('avviso-non-modificabile').getByText(/non consente/).waitFor();
    expect(await rup.getByLabel('Oggetto', { exact: true }).getAttribute('readonly')).not.toBeNull();
    await rup.context().close();

    const page = await procedura('francesca.bianchi', id);
    await page.getByRole('tab', { name: 'PERFEZIONAMENTO' }).click();
    await page.getByTestId('perfezionamento-stato').getByText('Confermato').waitFor();
    expect(await page.getByTestId('perfezionamento-cig-disponibili').textContent()).toBe('No');
    expect(await page.getByTestId('perfezionamento-data-pubblicazione').textContent()).toBe('—');
    expect(await page.getByTestId('perfezionamento-cig-LOT-0001').textContent()).toBe(vecchio);
    expect(await azioni(page).getByRole('button', { name: 'ELIMINA' }).count()).toBe(1);
    await senzaViolazioniGravi(page);
    await page.screenshot({ path: `${IMG}/console-perfezionamento.png`, fullPage: true });

    await azioni(page).getByRole('button', { name: 'PUBBLICA AVVISO' }).click();
    const pubblica = page.getByRole('dialog', { name: "Pubblicare l'avviso?" });
    await pubblica.getByRole('button', { name: 'PUBBLICA', exact: true }).click();
    await page.getByText("Pubblicazione dell'avviso richiesta ad ANAC: i CIG saranno disponibili alla pubblicazione.").waitFor();
    await pubblica.waitFor({ state: 'hidden' });
    await finoA(id, (a) => a.stato === 'IN_ATT_PUBB', 'IN_ATT_PUBB');
    await page.reload();
    await page.getByTestId('stato-appalto').getByText('IN_ATT_PUBB').waitFor();
    // Once publication is asked the request can no longer be deleted; its avviso can be changed.
    expect(await azioni(page).getByRole('button', { name: 'ELIMINA' }).count()).toBe(0);
    expect(await azioni(page).getByRole('button', { name: 'PUBBLICA AVVISO' }).count()).toBe(0);
    await azioni(page).getByRole('button', { name: 'MODIFICA AVVISO' }).click();
    expect(await page.getByRole('tab', { name: 'PERFEZIONAMENTO' }).getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('perfezionamento-stato').getByText('In attesa pubblicazione').waitFor();
    expect(await page.getByTestId('perfezionamento-id-avviso').textContent()).not.toBe('—');
    expect(await page.getByLabel('Scadenza presentazione offerte').inputValue()).toBe('2036-12-15T13:00');

    await page.getByLabel('Scadenza presentazione offerte').fill('2037-01-20T12:30');
    await page.getByLabel('URL documenti di gara').fill('https://appalti.example.it/gara/pulizie-rettifica');
    await page.getByRole('form', { name: "Dati dell'avviso" }).getByRole('button', { name: 'MODIFICA AVVISO' }).click();
    const modifica = page.getByRole('dialog', { name: "Modificare l'avviso?" });
    await modifica.getByText(/ANAC rilascia un nuovo CIG per ogni lotto/).waitFor();
    await senzaViolazioniGravi(page);
    await modifica.getByRole('button', { name: 'CONFERMA LA MODIFICA' }).click();
    await page.getByText("Modifica dell'avviso richiesta ad ANAC: i nuovi CIG dei lotti arriveranno in questa pagina.").waitFor();
    const modificato = await finoA(id, (a) => a.cigSostituiti.length === 1 && !a.operazioneInCorso?.operazione?.startsWith('MODIFICA'), 'the new CIG');
    expect(modificato.datiGara).toMatchObject({ scadenzaPresentazioneOfferte: '2037-01-20T11:30:00Z', urlDocumenti: 'https://appalti.example.it/gara/pulizie-rettifica' });
    const nuovo = modificato.lotti[0].cig as string;
    expect(nuovo).not.toBe(vecchio);
    await page.reload();
    await page.getByRole('tab', { name: 'PERFEZIONAMENTO' }).click();
    await page.getByTestId('perfezionamento-cig-LOT-0001').getByText(nuovo).waitFor();
    await page.getByTestId('cig-sostituiti').getByRole('cell', { name: vecchio }).waitFor();
  });

  it('a publication refused by the service (another user asked first) shows the problem+json in the dialog', async () => {
    await t.sim.admin.setTimings({ pubblicaMs: 600_000 });
    const id = await preparaAperta(buyer, 1);
    await buyer.request('POST', `/appalti/${id}/conferma`);
    await finoA(id, (a) => a.stato === 'CONF' && !a.operazioneInCorso, 'CONF');
    const page = await procedura('francesca.bianchi', id);
    await azioni(page).getByRole('button', { name: 'PUBBLICA AVVISO' }).waitFor();
    // A colleague publishes first, from another console.
    expect((await t.as('marco.giovannetti').request('POST', `/appalti/${id}/pubblica`)).status).toBe(202);

    await azioni(page).getByRole('button', { name: 'PUBBLICA AVVISO' }).click();
    const dialogo = page.getByRole('dialog', { name: "Pubblicare l'avviso?" });
    await dialogo.getByRole('button', { name: 'PUBBLICA', exact: true }).click();
    const problema = dialogo.getByTestId('problema');
    await problema.waitFor();
    expect(await problema.textContent()).toMatch(/Conflitto con lo stato attuale \(409, (OPERAZIONE_IN_CORSO|PUBBLICAZIONE_NON_CONSENTITA)\)/);
    expect(await problema.textContent()).toMatch(/È in corso la pubblicazione dell'appalto presso ANAC|Si pubblica solo un appalto confermato/);
    await senzaViolazioniGravi(page);
    await page.screenshot({ path: `${IMG}/console-problema.png`, fullPage: true });
    await dialogo.getByRole('button', { name: 'ANNULLA' }).click();
    await dialogo.waitFor({ state: 'hidden' });
  });
});
