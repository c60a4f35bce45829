import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLogger } from '#platform';
import { accessLog } from './access-log.js';

/** A response that only emits what the access log listens to. */
function risposta(statusCode: number): ServerResponse & EventEmitter {
  return Object.assign(new EventEmitter(), { statusCode }) as unknown as ServerResponse & EventEmitter;
}

function conLogger(livello: string) {
  const righe: Array<Record<string, unknown>> = [];
  const logger = createLogger(livello, 'cig-ledger', { write: (riga: string) => void righe.push(JSON.parse(riga) as Record<string, unknown>) });
  return { righe, middleware: accessLog(logger) };
}

function richiesta(): IncomingMessage {
  return Object.assign(new EventEmitter(), {
    method: 'GET',
    requestId: 'rid-1',
    attore: { userId: 'francesca.bianchi' },
    baseUrl: '',
    route: { path: '/appalti/:id' },
  }) as unknown as IncomingMessage;
}

describe('access log', () => {
  it('one line when the response ends, even if the connection then closes: the fields and order the dashboards read', () => {
    const { righe, middleware } = conLogger('info');
    const res = risposta(200);
    let avanti = 0;
    middleware(richiesta(), res, () => void avanti++);
    expect(avanti).toBe(1);
    expect(righe).toHaveLength(0);
    res.emit('finish');
    res.emit('close');
    expect(righe).toHaveLength(1);
    const { time, pid, hostname, ...riga } = righe[0]!;
    expect([typeof time, typeof pid, typeof hostname]).toEqual(['string', 'number', 'string']);
    expect(Object.keys(riga)).toEqual(['level', 'name', 'component', 'requestId', 'userId', 'method', 'route', 'status', 'latencyMs', 'msg']);
    expect(riga).toMatchObject({ level: 30, component: 'http', requestId: 'rid-1', userId: 'francesca.bianchi', method: 'GET', route: '/appalti/:id', status: 200, msg: 'request completed' });
    expect(typeof riga.latencyMs).toBe('number');
  });

  it('a 5xx is an error line, written also when the logger writes errors only; a 2xx is then not written', () => {
    const { righe, middleware } = conLogger('error');
    const ok = risposta(201);
    middleware(richiesta(), ok, () => undefined);
    ok.emit('finish');
    const guasto = risposta(503);
    middleware(Object.assign(richiesta(), { attore: undefined, route: undefined }), guasto, () => undefined);
    guasto.emit('close');
    expect(righe).toHaveLength(1);
    expect(righe[0]).toMatchObject({ level: 50, component: 'http', requestId: 'rid-1', userId: null, route: 'unmatched', status: 503, msg: 'request failed' });
  });
});
