import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';

/** The console's policy: only its own files, no inline script or style, API calls to the same origin. */
export const CSP_CONSOLE =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * The console's policy with an OpenID Connect provider: the console reads its discovery document and
 * redeems the authorization code by fetch, so connect-src also names the issuer's origin (only it).
 */
export function cspConsole(oidcIssuer?: string): string {
  if (!oidcIssuer) return CSP_CONSOLE;
  return CSP_CONSOLE.replace("connect-src 'self'", `connect-src 'self' ${new URL(oidcIssuer).origin}`);
}

/** Client routes of the console (history API): all under /console, so no API path is shadowed. */
const ROTTE_CLIENT = /^\/console(\/|$)/;

/**
 * The one thing the service answers outside a use case. The console's files are not a command nor a
 * query of the service: they are the bytes of a build on disk, which `express.static` serves with what
 * files need (ETag and Last-Modified, conditional and range requests, streaming from disk, the MIME
 * type), before the request reaches Nest's router, its guard and the buses. A query answering a file
 * would only wrap that middleware, and could not stream nor answer 304 as it does. So bootstrap.ts mounts
 * it as a middleware; it imports no area, store or handler (dependency rule
 * `console-static-files-outside-the-buses`), and the router walk
 * (test/rotte-casi-d-uso.e2e-spec.ts) sees it is not a route of any controller.
 *
 * Serves the built web console (apps/console, `vite build`) from `dir`: `/` and `/console/*` answer its
 * index.html, `/assets/*` its hashed files, each with the console's Content-Security-Policy (the API keeps
 * `default-src 'none'`, /docs its own). Returns undefined when the folder has no build.
 */
export function consoleStatica(dir: string, opzioni: { readonly oidcIssuer?: string } = {}): ((req: Request, res: Response, next: NextFunction) => void) | undefined {
  const root = resolve(dir);
  const csp = cspConsole(opzioni.oidcIssuer);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return undefined;
  const assets = express.static(join(root, 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: false });
  const altri = express.static(root, { index: false, fallthrough: true });
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const p = req.path;
    const conCsp = () => {
      res.setHeader('Content-Security-Policy', csp);
    };
    if (p === '/' || ROTTE_CLIENT.test(p)) {
      conCsp();
      res.setHeader('Cache-Control', 'no-cache');
      return res.sendFile(index);
    }
    if (p.startsWith('/assets/')) {
      conCsp();
      res.removeHeader('Cache-Control');
      req.url = req.url.slice('/assets'.length);
      return assets(req, res, (err?: unknown) => {
        req.url = `/assets${req.url}`;
        if (err) res.status(404).type('text/plain').send('Non trovato');
        else next();
      });
    }
    if (p === '/favicon.ico' || p === '/favicon.svg') {
      conCsp();
      return altri(req, res, next);
    }
    next();
  };
}
