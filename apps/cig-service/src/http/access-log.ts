import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '#platform';

type Richiesta = IncomingMessage & {
  requestId?: string;
  attore?: { userId?: string };
  route?: { path?: string };
  baseUrl?: string;
  method?: string;
};

/** The route pattern that served a request (`/appalti/:id`), never the concrete path: ids stay out of the log. */
export function routeTemplate(req: Richiesta): string {
  const path = req.route?.path;
  return path ? `${req.baseUrl ?? ''}${path}` : 'unmatched';
}

/**
 * One access line per request, written when the response ends (or the connection closes first):
 * request id, user id (null before authentication or on public routes), method, route pattern,
 * status, latency in milliseconds. Level `info`, `error` for 5xx. The URL, query string and
 * headers are not written: they may carry personal data, and the route pattern is what dashboards
 * group by.
 *
 * The line is the one pino-http wrote (same fields, same order, same messages), without its two
 * child loggers per request: the request id goes on the line itself, and nothing is built for
 * a line whose level the logger does not write.
 */
export function accessLog(logger: Logger) {
  const http = logger.child({ component: 'http' });
  return (req: Richiesta, res: ServerResponse, next: () => void): void => {
    const inizio = Date.now();
    const fine = (): void => {
      res.removeListener('close', fine);
      res.removeListener('finish', fine);
      const fallita = res.statusCode >= 500;
      const livello = fallita ? 'error' : 'info';
      if (!http.isLevelEnabled(livello)) return;
      http[livello](
        {
          requestId: req.requestId ?? 'unknown',
          userId: req.attore?.userId ?? null,
          method: req.method,
          route: routeTemplate(req),
          status: res.statusCode,
          latencyMs: Date.now() - inizio,
        },
        fallita ? 'request failed' : 'request completed',
      );
    };
    res.on('close', fine);
    res.on('finish', fine);
    next();
  };
}
