import type { Page } from 'playwright-core';
import { preparaAd5 } from '../support/appalti.js';
import { consoleNelBrowser, senzaViolazioniGravi } from '../support/browser.js';
import { SENZA_LIMITE_RICHIESTE, startTestService } from '../support/service.js';

/** What has the focus: its role (or tag), accessible text, and whether the focus is drawn. */
interface Fuoco {
  readonly ruolo: string;
  readonly testo: string;
  readonly selezionata: string | null;
  readonly visibile: boolean;
  /** The focus ring found, with and without the focus. */
  readonly dettaglio: string;
}

/** The few DOM types the page functions use (the tests compile without the DOM library). */
interface Stile {
  readonly outlineStyle: string;
  readonly outlineWidth: string;
  readonly outlineColor: string;
  readonly boxShadow: string;
}
interface Elemento {
  readonly id: string;
  readonly tagName: string;
  readonly textContent: string | null;
  readonly parentElement: Elemento | null;
  getAttribute(nome: string): string | null;
  removeAttribute(nome: string): void;
  cloneNode(profondo: boolean): Elemento;
  insertBefore(nuovo: Elemento, prima: Elemento): void;
  remove(): void;
}
interface Finestra {
  readonly document: { readonly activeElement: Elemento | null; readonly body: Elemento; querySelector(selettore: string): Elemento | null };
  getComputedStyle(el: Elemento): Stile;
}

const fuoco = (page: Page): Promise<Fuoco> =>
  page.evaluate(() => {
    const w = globalThis as unknown as Finestra;
    const document = w.document;
    const el = document.activeElement;
    if (!el || el === document.body) return { ruolo: 'body', testo: '', selezionata: null, visibile: false, dettaglio: '' };
    // A focus ring: an opaque outline or an opaque box-shadow with a spread (bootstrap-italia draws
    // the focus so), which the same element without the focus (a shallow clone, measured and removed) does not have.
    const anello = (st: Stile) => {
      const opaco = (colore: string) => !/^transparent$|rgba\([^)]*,\s*0\)$/.test(colore.trim());
      const contorno = st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) > 0 && opaco(st.outlineColor) ? `outline ${st.outlineWidth} ${st.outlineColor}` : '';
      const ombre = st.boxShadow === 'none' ? [] : st.boxShadow.split(/,(?![^(]*\))/).filter((o: string) => {
        const colore = /rgba?\([^)]*\)/.exec(o)?.[0] ?? 'rgb(0, 0, 0)';
        const misure = o.replace(/rgba?\([^)]*\)/, '').trim().split(/\s+/).map(parseFloat);
        return opaco(colore) && (misure[3] ?? 0) > 0;
      });
      return [contorno, ...ombre].filter(Boolean).join(' | ');
    };
    const conFuoco = anello(w.getComputedStyle(el));
    const copia = el.cloneNode(false);
    copia.removeAttribute('id');
    el.parentElement!.insertBefore(copia, el);
    const senza = anello(w.getComputedStyle(copia));
    copia.remove();
    const visibile = conFuoco !== '' && conFuoco !== senza;
    const etichetta = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    return {
      ruolo: el.getAttribute('role') ?? el.tagName.toLowerCase(),
      testo: (etichetta ?? el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      selezionata: el.getAttribute('aria-selected'),
      visibile,
      dettaglio: `${conFuoco} || ${senza}`,
    };
  });

/** Waits until the focus is on the tab `nome`, selected. */
const focoSuScheda = (page: Page, nome: string) =>
  page.waitForFunction(
    (n) => {
      const attivo = (globalThis as unknown as Finestra).document.activeElement;
      return attivo?.textContent === n && attivo.getAttribute('aria-selected') === 'true';
    },
    nome,
    { timeout: 5_000 },
  );

/** Presses `tasto` (Tab or Shift+Tab) until the focus is on what `cercato` matches; every stop must show the focus. */
async function tabFino(page: Page, tasto: 'Tab' | 'Shift+Tab', cercato: (f: Fuoco) => boolean, massimo = 60): Promise<Fuoco> {
  const visti: string[] = [];
  for (let i = 0; i < massimo; i++) {
    await page.keyboard.press(tasto);
    let f = await fuoco(page);
    // The ring is drawn with the next style update: read again for up to a second.
    for (let n = 0; n < 20 && f.ruolo !== 'body' && !f.visibile; n++) {
      await page.waitForTimeout(50);
      f = await fuoco(page);
    }
    visti.push(`${f.ruolo}:${f.testo.slice(0, 40)}`);
    if (f.ruolo !== 'body' && !f.visibile) throw new Error(`focus not drawn on ${f.ruolo} "${f.testo}": ${f.dettaglio}`);
    if (cercato(f)) return f;
  }
  throw new Error(`not reached with ${tasto}; focus went through: ${visti.join(' | ')}`);
}

/**
 * The console by keyboard alone (Tab, Shift+Tab, Enter, Space, arrow keys), focus drawn at every
 * stop: a buyer signs in with the development login, reaches the listing, opens her request, moves
 * between its tabs with the arrow keys and runs its verification.
 */
describe('console web by keyboard only', () => {
  const { t, pagina } = consoleNelBrowser(() => startTestService({ ...SENZA_LIMITE_RICHIESTE }));

  it('a buyer signs in, opens a request from the listing, moves between its tabs and runs VERIFICA without a mouse', async () => {
    const id = await preparaAd5(t.as('francesca.bianchi'));
    // Reduced motion: bootstrap-italia then draws the focus ring at once (no transition to measure mid-way).
    const page = await pagina({ reducedMotion: 'reduce' });
    await page.goto(t.url);
    await page.getByRole('heading', { name: 'Accesso' }).waitFor();

    // Development login: the user chosen in the list by typing, then Accedi with Enter.
    await tabFino(page, 'Tab', (f) => f.ruolo === 'select' && f.testo === 'Utente');
    await page.keyboard.type('Francesca');
    expect(await page.getByLabel('Utente').inputValue()).toBe('francesca.bianchi');
    await tabFino(page, 'Tab', (f) => f.ruolo === 'button' && f.testo === 'Accedi');
    await page.keyboard.press('Enter');
    await page.getByText(/CIG e SMART CIG: \d+ di \d+/).waitFor();

    // The listing: to the request's link, opened with Enter.
    await tabFino(page, 'Tab', (f) => f.ruolo === 'a' && f.testo.startsWith('Vai alla procedura'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Richiesta CIG' }).waitFor();
    await page.getByTestId('stato-appalto').getByText('BOZZA').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/console/appalti/${id}`);
    // The focus went to the new page's content, not back to the top: the next stop is the page's first link.
    expect(await page.evaluate(() => (globalThis as unknown as Finestra).document.activeElement?.id)).toBe('contenuto');
    expect((await tabFino(page, 'Tab', () => true)).testo).toBe('← Torna alla lista');

    // The tab list is one stop of the Tab order (the selected tab); the arrow keys move between tabs.
    const primo = await tabFino(page, 'Tab', (f) => f.ruolo === 'tab');
    expect([primo.testo, primo.selezionata]).toEqual(['DATI DI GARA', 'true']);
    const schede = await page.getByRole('tab').allTextContents();
    await page.keyboard.press('ArrowRight');
    await focoSuScheda(page, schede[1]!);
    expect((await fuoco(page)).visibile).toBe(true);
    await page.getByRole('tabpanel').waitFor();
    await page.keyboard.press('End');
    await focoSuScheda(page, schede.at(-1)!);
    await page.keyboard.press('ArrowRight');
    await focoSuScheda(page, schede[0]!);
    await page.keyboard.press('ArrowLeft');
    await focoSuScheda(page, schede.at(-1)!);
    // ELENCO LOTTI reached by arrows, its panel shown.
    const lotti = schede.indexOf('ELENCO LOTTI');
    await page.keyboard.press('Home');
    for (let i = 0; i < lotti; i++) await page.keyboard.press('ArrowRight');
    await focoSuScheda(page, 'ELENCO LOTTI');
    await page.getByRole('tabpanel').getByRole('table', { name: 'Lotti' }).waitFor();
    // Tab leaves the tab list into the panel; Shift+Tab comes back to the selected tab, not to the others.
    const dopo = await fuoco(page);
    await page.keyboard.press('Tab');
    expect((await fuoco(page)).ruolo).not.toBe('tab');
    await page.keyboard.press('Shift+Tab');
    expect(await fuoco(page)).toEqual(dopo);
    await senzaViolazioniGravi(page);

    // Back to VERIFICA with Shift+Tab, run with Space.
    await tabFino(page, 'Shift+Tab', (f) => f.ruolo === 'button' && f.testo === 'VERIFICA');
    await page.keyboard.press('Space');
    await page.getByText('Verifica superata: la richiesta può essere inviata.').waitFor();
  });
});
