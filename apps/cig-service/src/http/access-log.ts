import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
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
 * One access line per request, written when the response ends (pino-http): request id, user
 * id (null before authentication or on public routes), method, route pattern, status, latency
 * in milliseconds. Level `info`, `error` for 5xx. The URL, query string and headers are not
 * written: they may carry personal data, and the route pattern is what dashboards group by.
 */
export function accessLog(logger: Logger) {
  // The request id comes from the child logger pino-http binds (`requestId`).
  const linea = (req: Richiesta, res: ServerResponse, latencyMs: number) => ({
    userId: req.attore?.userId ?? null,
    method: req.method,
    route: routeTemplate(req),
    status: res.statusCode,
    latencyMs,
  });
  return pinoHttp<Richiesta, ServerResponse>({
    logger: logger.child({ component: 'http' }),
    genReqId: (req) => req.requestId ?? 'unknown',
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessObject: (req, res, val: { responseTime: number }) => linea(req, res, val.responseTime),
    customErrorObject: (req, res, _error, val: { responseTime: number }) => linea(req, res, val.responseTime),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
  });
}
