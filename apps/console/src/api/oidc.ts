/**
 * Sign-in with the platform's identity provider: OpenID Connect authorization code flow with PKCE
 * (public client, oidc-client-ts), as the service's /accesso/configurazione describes it. The access token
 * is the bearer the API verifies (issuer AUTH_ISSUER, audience AUTH_AUDIENCE, claims of the user).
 */
import { claimsDelToken, type Sessione } from './client.js';

export interface ConfigurazioneOidc {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
  readonly resource?: string | null;
}

export const RITORNO = '/console/accesso/ritorno';

async function gestore(c: ConfigurazioneOidc) {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  const risorsa = c.resource ? { resource: c.resource } : undefined;
  return new UserManager({
    authority: c.issuer,
    client_id: c.clientId,
    redirect_uri: `${location.origin}${RITORNO}`,
    response_type: 'code',
    scope: c.scope,
    loadUserInfo: false,
    // Renewed by rinnovaInSilenzio, with the refresh token the provider issued (no hidden iframe: the CSP has no frame-src).
    automaticSilentRenew: false,
    post_logout_redirect_uri: `${location.origin}/`,
    monitorSession: false,
    extraQueryParams: risorsa,
    extraTokenParams: risorsa,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
  });
}

const CHIAVE_CONFIG = 'cig-ledger.oidc';

/** Leaves for the provider's sign-in page; back at RITORNO, `completaAccesso` finishes. */
export async function avviaAccesso(c: ConfigurazioneOidc): Promise<void> {
  sessionStorage.setItem(CHIAVE_CONFIG, JSON.stringify(c));
  await (await gestore(c)).signinRedirect();
}

/** Redeems the authorization code (with the PKCE verifier) and turns the access token into a session. */
export function completaAccesso(): Promise<Sessione> {
  // Once per page load: the code and its state can be redeemed only once (React may run the effect twice).
  inCorso ??= riscatta();
  return inCorso;
}
let inCorso: Promise<Sessione> | undefined;

async function riscatta(): Promise<Sessione> {
  const salvata = sessionStorage.getItem(CHIAVE_CONFIG);
  if (!salvata) throw new Error('Accesso non avviato da questa console: ricominciare dalla pagina di accesso');
  const utente = await (await gestore(JSON.parse(salvata) as ConfigurazioneOidc)).signinRedirectCallback();
  const claims = claimsDelToken(utente.access_token);
  const stringa = (k: string) => (typeof claims[k] === 'string' ? (claims[k] as string) : '');
  const ruoli = Array.isArray(claims.roles) ? (claims.roles as unknown[]).filter((r): r is string => typeof r === 'string') : [];
  return { token: utente.access_token, origine: 'oidc', utente: { userId: stringa('sub'), nome: stringa('name') || stringa('sub'), ruoli, ufficio: stringa('ufficio') } };
}

function configurazioneSalvata(): ConfigurazioneOidc | null {
  const salvata = sessionStorage.getItem(CHIAVE_CONFIG);
  return salvata ? (JSON.parse(salvata) as ConfigurazioneOidc) : null;
}

/**
 * Silent renewal: shortly before the access token expires (60 s, oidc-client-ts's default), a new one is
 * asked for with the refresh token at the provider's token endpoint; `onToken` receives it. Without a
 * refresh token (the provider did not issue one) `onErrore` is told. Returns the function that stops it.
 */
export async function rinnovaInSilenzio(onToken: (token: string) => void, onErrore: (messaggio: string) => void): Promise<() => void> {
  const c = configurazioneSalvata();
  if (!c) return () => undefined;
  const um = await gestore(c);
  const utente = await um.getUser();
  if (!utente?.refresh_token) {
    onErrore('Il fornitore di identità non ha rilasciato un refresh token: alla scadenza del token occorrerà accedere di nuovo');
    return () => undefined;
  }
  um.events.addUserLoaded((u) => onToken(u.access_token));
  um.events.addSilentRenewError((e) => onErrore(`Rinnovo del token non riuscito: ${e.message}`));
  // Arms the expiring timer with the stored user.
  um.startSilentRenew();
  return () => um.stopSilentRenew();
}

/**
 * Esci at the provider too (RP-initiated logout): the browser goes to its end_session_endpoint with the
 * id_token and comes back to the console's address. `dimentica` clears the console's session before leaving.
 */
export async function esciDalFornitore(dimentica: () => void): Promise<boolean> {
  const c = configurazioneSalvata();
  if (!c) return false;
  const um = await gestore(c);
  const utente = await um.getUser();
  dimentica();
  if (!utente?.id_token) return false;
  await um.signoutRedirect({ id_token_hint: utente.id_token, post_logout_redirect_uri: `${location.origin}/` });
  return true;
}
