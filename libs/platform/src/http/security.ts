import type { NextFunction, Request, Response } from 'express';

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
