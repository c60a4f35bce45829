import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { servizioDellaSuite, type TestService } from './service.js';

/** Debian's chromium, headless, on a fresh temporary profile (Playwright's own user-data-dir). */
export function avviaChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** axe-core on the page as it is: no serious or critical violation of WCAG 2.1 A/AA. */
export async function senzaViolazioniGravi(page: Page): Promise<void> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const gravi = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(gravi.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Development login through the console's Accesso page. */
export async function accedi(page: Page, base: string, userId: string): Promise<void> {
  await page.goto(base);
  await page.getByLabel('Utente').selectOption(userId);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByText(/CIG e SMART CIG: \d+ di \d+/).waitFor();
}

/** Where the console suites put their screenshots (the README and the guides show them). */
export const IMG = 'docs/img';

/** What a console suite works with: the service under test and pages of Debian's chromium on it. */
export interface ConsoleNelBrowser {
  /** The service started before the suite (read when used: it exists once the suite's beforeAll ran). */
  readonly t: TestService;
  /** A page in a context of its own (Italian locale unless `opzioni` say otherwise), closed after the test. */
  pagina(opzioni?: BrowserContextOptions): Promise<Page>;
  /** The same page, signed in as `userId` with the development login. */
  entra(userId: string, opzioni?: BrowserContextOptions): Promise<Page>;
}

/**
 * The set-up every console suite shares, registered in the `describe` that calls it (before the
 * suite's own hooks): the console must be built; before the suite `avvia` starts the service (see
 * servizioDellaSuite) and chromium is launched; after each test the contexts of its pages are
 * closed; after the suite the service, the browser and then `poi` (what `avvia` started besides).
 */
export function consoleNelBrowser(avvia: () => Promise<TestService>, poi?: () => Promise<unknown>): ConsoleNelBrowser {
  beforeAll(() => {
    if (!existsSync('dist/console/index.html')) throw new Error('console not built: run npm run build:console');
    mkdirSync(IMG, { recursive: true });
  });
  let browser: Browser | undefined;
  const t = servizioDellaSuite(avvia, async () => {
    await browser?.close();
    await poi?.();
  });
  const contesti: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await avviaChromium();
  });
  afterEach(async () => {
    await Promise.all(contesti.splice(0).map((c) => c.close()));
  });
  const pagina = async (opzioni: BrowserContextOptions = {}): Promise<Page> => {
    if (!browser) throw new Error('chromium is not running (used outside a test or hook?)');
    const contesto = await browser.newContext({ locale: 'it-IT', ...opzioni });
    contesti.push(contesto);
    return contesto.newPage();
  };
  return {
    t,
    pagina,
    async entra(userId, opzioni) {
      const page = await pagina(opzioni);
      await accedi(page, t.url, userId);
      return page;
    },
  };
}
