import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { loadConfig } from '#platform';
import { createIdentity } from '../../apps/cig-service/src/security/identity.js';
import { startTestService, type TestService } from '../support/service.js';
import { avviaFornitoreOidc, type FornitoreOidc } from '../support/fornitore-oidc.js';
import { avviaChromium, senzaViolazioniGravi } from '../support/browser.js';

/** The browser's session storage, inside page.evaluate (the tests are typed for node). */
type ConArchivio = { sessionStorage: { getItem(k: string): string | null } };

/**
 * Console sign-in in production: OpenID Connect authorization code with PKCE against a real provider
 * (oidc-provider on loopback, its own login and consent pages), whose JWT access tokens the service verifies
 * with the keys it discovers from AUTH_OIDC_ISSUER.
 */
const AUDIENCE = 'urn:cig-ledger:api';
const CLIENT = 'cig-ledger-console';

describe('console sign-in with an OpenID Connect provider', () => {
  let fornitore: FornitoreOidc;
  let t: TestService;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync('dist/console/index.html')) throw new Error('console not built: run npm run build:console');
    fornitore = await avviaFornitoreOidc(AUDIENCE);
    t = await startTestService({
      AUTH_OIDC_ISSUER: fornitore.issuer,
      AUTH_ISSUER: fornitore.issuer,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_OIDC_CLIENT_ID: CLIENT,
      AUTH_OIDC_SCOPE: 'openid profile cig',
    });
    fornitore.registraConsole(CLIENT, `${t.url}/console/accesso/ritorno`);
    browser = await avviaChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await fornitore?.close();
  });

  it('tells the console how to sign in, lets it reach the provider (CSP) and offers no development login', async () => {
    const c = await t.request('GET', '/accesso/configurazione');
    expect(c.status).toBe(200);
    expect(c.body).toEqual({ sviluppo: false, oidc: { issuer: fornitore.issuer, clientId: CLIENT, scope: 'openid profile cig', resource: null } });
    const csp = (await t.request('GET', '/')).headers.get('content-security-policy')!;
    expect(csp).toContain(`connect-src 'self' ${fornitore.issuer};`);
    expect(csp).toContain("script-src 'self';");
    expect((await t.request('POST', '/accesso/sviluppo', { userId: 'francesca.bianchi' })).status).toBe(404);
  });

  it('refuses to start when AUTH_OIDC_ISSUER differs from AUTH_ISSUER (its tokens would all be refused)', async () => {
    const config = loadConfig({ AUTH_OIDC_ISSUER: fornitore.issuer, AUTH_ISSUER: 'https://altro.example', NODE_ENV: 'test', ANAC_PCP_URL: 'http://127.0.0.1:9' });
    await expect(createIdentity(config)).rejects.toThrow(/AUTH_OIDC_ISSUER .* must equal AUTH_ISSUER/);
    expect(() => loadConfig({ AUTH_OIDC_SCOPE: 'profile', ANAC_PCP_URL: 'http://127.0.0.1:9' })).toThrow(/AUTH_OIDC_SCOPE must include openid/);
  });

  it("signs in through the provider's login and consent pages and reaches the listing with the provider's token", async () => {
    const contesto = await browser.newContext({ locale: 'it-IT' });
    const page = await contesto.newPage();
    const violazioniCsp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violazioniCsp.push(m.text());
    });
    try {
      await page.goto(t.url);
      const accedi = page.getByRole('button', { name: 'Accedi con il fornitore di identità' });
      await accedi.waitFor();
      await expect(page.getByLabel('Utente').count()).resolves.toBe(0);
      await senzaViolazioniGravi(page);
      await accedi.click();

      // The provider's own pages, on its origin.
      await page.waitForURL((u) => u.origin === fornitore.issuer);
      await page.locator('input[name="login"]').fill('francesca.bianchi');
      await page.locator('input[name="password"]').fill('una-password');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();

      // Back in the console: the code is redeemed (PKCE) and the listing answers to the provider's token.
      await page.getByText(/CIG e SMART CIG: \d+ di \d+/).waitFor({ timeout: 15_000 });
      expect(new URL(page.url()).pathname).toBe('/console/cig');
      await expect(page.getByTestId('utente-corrente').textContent()).resolves.toBe('Francesca Bianchi (BUYER)');
      const token = await page.evaluate(() => (JSON.parse((globalThis as unknown as ConArchivio).sessionStorage.getItem('cig-ledger.sessione')!) as { token: string }).token);
      const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
      expect(payload).toMatchObject({ iss: fornitore.issuer, aud: AUDIENCE, sub: 'francesca.bianchi', ufficio: 'UFF-TOSCANA-GARE', roles: ['BUYER'] });
      const io = await t.request('GET', '/cig', undefined, { authorization: `Bearer ${token}` });
      expect(io.status).toBe(200);
      // The same token with a forged signature is refused.
      expect((await t.request('GET', '/cig', undefined, { authorization: `Bearer ${token.slice(0, -6)}AAAAAA` })).status).toBe(401);
      await senzaViolazioniGravi(page);

      // Esci forgets the session and what oidc-client-ts kept.
      await page.getByRole('button', { name: 'Esci' }).click();
      await page.getByRole('button', { name: 'Accedi con il fornitore di identità' }).waitFor();
      await expect(page.evaluate(() => Object.keys((globalThis as unknown as ConArchivio).sessionStorage).filter((k) => k.startsWith('oidc.') || k === 'cig-ledger.sessione'))).resolves.toEqual([]);
      expect(violazioniCsp).toEqual([]);
      expect(fornitore.errori).toEqual([]);
    } finally {
      await contesto.close();
    }
  });
});
