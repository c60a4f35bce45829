import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

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
