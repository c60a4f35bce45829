import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { seedUser } from './service.js';

/**
 * A real OpenID Connect provider (oidc-provider) on loopback, as the console's identity provider:
 * its own login and consent pages (any password; the login is a user of the seed directory), authorization
 * code with PKCE for the public client of the console, and JWT access tokens for the service (audience
 * `audience`) carrying the caller's claims (name, cf, roles, ufficio, cdc, sa).
 */
export interface FornitoreOidc {
  readonly issuer: string;
  /** Registers the console as a public client redirecting to `redirectUri` (known once the service listens). */
  registraConsole(clientId: string, redirectUri: string): void;
  /** What the provider granted, in order: the grant_type of each token request, and 'end_session' for each sign-out. */
  readonly concessioni: string[];
  /** Errors the provider reported (server_error and the like). */
  readonly errori: string[];
  close(): Promise<void>;
}

export async function avviaFornitoreOidc(audience: string, opzioni: { accessTokenTTL?: number } = {}): Promise<FornitoreOidc> {
  const ttlAccesso = opzioni.accessTokenTTL ?? 600;
  let gestore: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => {
    if (gestore) gestore(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'fornitore-1', alg: 'RS256', use: 'sig' };
  const errori: string[] = [];
  const concessioni: string[] = [];
  const claimsUtente = (login: string) => {
    const u = seedUser(login);
    return { name: u.nome, cf: u.codiceFiscale, roles: u.ruoli, ufficio: u.ufficio, cdc: u.centriDiCosto, sa: u.stazioneAppaltante };
  };
  return {
    issuer,
    errori,
    concessioni,
    registraConsole(clientId, redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            token_endpoint_auth_method: 'none',
            redirect_uris: [redirectUri],
            post_logout_redirect_uris: [`${new URL(redirectUri).origin}/`],
            grant_types: ['authorization_code', 'refresh_token'],
            response_types: ['code'],
          },
        ],
        jwks: { keys: [jwk] },
        cookies: { keys: [randomUUID()] },
        pkce: { required: () => true },
        // A refresh token to the console (public client, rotated on each use) for its silent renewal.
        issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(g: string): boolean }) => client.grantTypeAllowed('refresh_token'),
        ttl: { AccessToken: ttlAccesso, IdToken: 600, AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600, RefreshToken: 3600 },
        clientBasedCORS: (_ctx: unknown, origin: string, client: { redirectUris: string[] }) => client.redirectUris.some((u) => new URL(u).origin === origin),
        claims: { openid: ['sub'], profile: ['name'] },
        findAccount: (_ctx: unknown, id: string) => {
          try {
            const c = claimsUtente(id);
            return { accountId: id, claims: () => ({ sub: id, name: c.name }) };
          } catch {
            return undefined;
          }
        },
        features: {
          devInteractions: { enabled: true },
          resourceIndicators: {
            enabled: true,
            defaultResource: () => audience,
            useGrantedResource: () => true,
            getResourceServerInfo: (_ctx: unknown, resource: string) => {
              if (resource !== audience) throw new Error(`risorsa sconosciuta: ${resource}`);
              return { scope: 'cig', audience, accessTokenTTL: ttlAccesso, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
            },
          },
        },
        extraTokenClaims: (_ctx: unknown, token: { kind: string; accountId?: string }) =>
          token.kind === 'AccessToken' && token.accountId ? claimsUtente(token.accountId) : undefined,
      });
      provider.on('server_error', (_ctx: unknown, e: Error) => errori.push(e.message));
      provider.on('grant.success', (ctx: { oidc?: { params?: { grant_type?: string } } }) => {
        if (ctx.oidc?.params?.grant_type) concessioni.push(ctx.oidc.params.grant_type);
      });
      provider.on('end_session.success', () => concessioni.push('end_session'));
      gestore = provider.callback();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
