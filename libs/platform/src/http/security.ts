import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { problem, PROBLEM_CONTENT_TYPE } from './problem.js';

/**
 * Response headers for an API that serves no HTML of its own (the OpenAPI viewer at /docs
 * needs inline scripts and styles, so it gets a looser policy of its own).
 */
export function securityHeaders(options: { hsts: boolean }) {
  const api = "default-src 'none'; frame-ancestors 'none'";
  const docs = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Content-Security-Policy', req.path.startsWith('/docs') ? docs : api);
    if (!req.path.startsWith('/docs')) res.setHeader('Cache-Control', 'no-store');
    if (options.hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}

/**
 * A token bucket per caller (the bearer token, or the address for anonymous calls): a burst,
 * then `perMinute` requests a minute. Beyond it: 429 with Retry-After. In-process: with several
 * instances each enforces its own share (see docs/security.md).
 */
export function rateLimitPerCaller(options: { perMinute: number; burst: number; now?: () => number; exempt?: (path: string) => boolean }) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const rate = options.perMinute / 60_000;
  const now = options.now ?? Date.now;
  let sweepAt = now();
  return (req: Request, res: Response, next: NextFunction): void => {
    if (options.exempt?.(req.path)) return next();
    const t = now();
    if (t - sweepAt > 60_000) {
      for (const [key, b] of buckets) if (b.tokens + (t - b.at) * rate >= options.burst) buckets.delete(key);
      sweepAt = t;
    }
    const auth = req.headers.authorization;
    const key = typeof auth === 'string' ? createHash('sha256').update(auth).digest('base64url') : `ip:${req.ip}`;
    const b = buckets.get(key) ?? { tokens: options.burst, at: t };
    b.tokens = Math.min(options.burst, b.tokens + (t - b.at) * rate);
    b.at = t;
    buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return next();
    }
    const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
    res.setHeader('Retry-After', String(retryAfter));
    res.status(429).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify({
      ...problem(429, 'TROPPE_RICHIESTE', `Limite di richieste raggiunto: riprova tra ${retryAfter} secondi`),
      instance: req.originalUrl,
      retryAfter,
    }));
  };
}
