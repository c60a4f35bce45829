import { loadConfig } from '#platform';
import { createIdentity } from '../../apps/cig-service/src/security/identity.js';
import { startTestService } from '../support/service.js';
import { avviaFornitoreOidc, type FornitoreOidc } from '../support/fornitore-oidc.js';
import { consoleNelBrowser, senzaViolazioniGravi } from '../support/browser.js';

/** The browser's session storage, inside page.evaluate (the tests are typed for node). */
type ConArchivio = { sessionStorage: { getItem(k: string): string | null } };
/** The access tokens live this long (seconds): the console renews them 60 s before they expire, so after about 5 s. */
const TTL_ACCESSO = 65;

/**
 * Console sign-in in production: OpenID Connect authorization code with PKCE against a real provider
 * (oidc-provider on loopback, its own login and consent pages), whose JWT access tokens the service verifies
 * with the keys it discovers from AUTH_OIDC_ISSUER.
 */
const AUDIENCE = 'urn:cig-ledger:api';
const CLIENT = 'cig-ledger-console';

describe('console sign-in with an OpenID Connect provider', () => {
  let fornitore: FornitoreOidc;
  const { t, pagina } = consoleNelBrowser(
    async () => {
      fornitore = await avviaFornitoreOidc(AUDIENCE, { accessTokenTTL: TTL_ACCESSO });
      const servizio = await startTestService({
        AUTH_OIDC_ISSUER: fornitore.issuer,
        AUTH_ISSUER: fornitore.issuer,
        AUTH_AUDIENCE: AUDIENCE,
        AUTH_OIDC_CLIENT_ID: CLIENT,
        AUTH_OIDC_SCOPE: 'openid profile cig',
      });
      fornitore.registraConsole(CLIENT, `${servizio.url}/console/accesso/ritorno`);
      return servizio;
    },
    async () => fornitore?.close(),
  );

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
    const page = await pagina();
    const violazioniCsp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violazioniCsp.push(m.text());
    });
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

    // Silent renewal: before the token expires the console gets a new one with the refresh token, and uses it.
    expect(payload.exp as number).toBe((payload.iat as number) + TTL_ACCESSO);
    await page.waitForFunction(
      (vecchio) => (JSON.parse((globalThis as unknown as ConArchivio).sessionStorage.getItem('cig-ledger.sessione')!) as { token: string }).token !== vecchio,
      token,
      { timeout: 30_000 },
    );
    const rinnovato = await page.evaluate(() => (JSON.parse((globalThis as unknown as ConArchivio).sessionStorage.getItem('cig-ledger.sessione')!) as { token: string }).token);
    expect(fornitore.concessioni).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token']));
    const nuovo = JSON.parse(Buffer.from(rinnovato.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(nuovo).toMatchObject({ iss: fornitore.issuer, aud: AUDIENCE, sub: 'francesca.bianchi', ufficio: 'UFF-TOSCANA-GARE', roles: ['BUYER'] });
    expect(nuovo.jti).not.toBe(payload.jti);
    expect((await t.request('GET', '/cig', undefined, { authorization: `Bearer ${rinnovato}` })).status).toBe(200);
    const [richiesta] = await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).pathname === '/carnet'),
      page.getByRole('link', { name: 'Lista CARNET' }).click(),
    ]);
    const usato = richiesta.headers().authorization;
    expect(usato).not.toBe(`Bearer ${token}`);
    expect(usato).toMatch(/^Bearer ey/);
    await page.getByRole('heading', { name: 'Lista CARNET' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await expect(page.getByTestId('utente-corrente').textContent()).resolves.toBe('Francesca Bianchi (BUYER)');

    // Esci signs out at the provider too (its end_session page), then forgets the session and what oidc-client-ts kept.
    await page.getByRole('button', { name: 'Esci' }).click();
    await page.waitForURL((u) => u.origin === fornitore.issuer);
    await page.getByRole('button', { name: /sign me out/i }).click();
    await page.getByRole('button', { name: 'Accedi con il fornitore di identità' }).waitFor();
    expect(new URL(page.url()).origin).toBe(t.url);
    expect(fornitore.concessioni).toContain('end_session');
    await expect(page.evaluate(() => Object.keys((globalThis as unknown as ConArchivio).sessionStorage).filter((k) => k.startsWith('oidc.') || k === 'cig-ledger.sessione'))).resolves.toEqual([]);
    // The provider's session is over: signing in again asks for the login.
    await page.getByRole('button', { name: 'Accedi con il fornitore di identità' }).click();
    await page.waitForURL((u) => u.origin === fornitore.issuer);
    await page.locator('input[name="login"]').waitFor();
    expect(violazioniCsp).toEqual([]);
    expect(fornitore.errori).toEqual([]);
  });
});
