import { Writable } from 'node:stream';
import { createLogger, Metrics } from '#platform';
import { osservaScambi, type Scambio } from './osservazione-anac.js';

const base: Scambio = { operazione: 'conferma-appalto', attempt: 1, outcome: 'OK', httpStatus: 200, durationMs: 42.4, requestId: 'richiesta-1', traceId: 't-1', errori: [] };

function registro() {
  const righe: Array<Record<string, any>> = [];
  const uscita = new Writable({
    write(chunk: Buffer, _enc, done) {
      righe.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: createLogger('info', 'prova', uscita), righe };
}
const attendi = () => new Promise((r) => setImmediate(r));

describe('every ANAC exchange on the log and in the metrics', () => {
  it('OK at info; KO, 429, timeout and unreachable at warn, each with operation, appalto, attempt, outcome and latency', async () => {
    const { logger, righe } = registro();
    const metrics = new Metrics();
    osservaScambi(logger, metrics, { appaltoId: 'app-1', pratica: 'CONFERMA', passo: 'CONFERMA' }, [
      base,
      { ...base, attempt: 2, outcome: 'KO', httpStatus: 429, retryAfterMs: 1000 },
      { ...base, outcome: 'KO', httpStatus: 400, errori: [{ codice: 'ERR46' }] },
      { ...base, outcome: 'ESITO_INCERTO', httpStatus: undefined, networkError: 'timeout after 30000 ms' },
      { ...base, operazione: 'esito-operazione', outcome: 'ERRORE', httpStatus: undefined, networkError: 'connection refused (ECONNREFUSED)' },
    ]);
    await attendi();
    expect(righe.map((r) => [r.level, r.operation, r.appaltoId, r.attempt, r.outcome, r.latencyMs])).toEqual([
      [30, 'conferma-appalto', 'app-1', 1, 'OK', 42],
      [40, 'conferma-appalto', 'app-1', 2, 'KO', 42],
      [40, 'conferma-appalto', 'app-1', 1, 'KO', 42],
      [40, 'conferma-appalto', 'app-1', 1, 'ESITO_INCERTO', 42],
      [40, 'esito-operazione', 'app-1', 1, 'ERRORE', 42],
    ]);
    expect(righe[1].msg).toBe('ANAC exchange not OK: rate limited (429)');
    expect(righe[2]).toMatchObject({ errori: ['ERR46'], msg: 'ANAC exchange not OK: HTTP 400' });
    expect(righe[3].msg).toBe('ANAC exchange not OK: timeout after 30000 ms');
    expect(righe[0]).toMatchObject({ requestId: 'richiesta-1', traceId: 't-1', pratica: 'CONFERMA', passo: 'CONFERMA', httpStatus: 200 });

    const testo = await metrics.registry.metrics();
    expect(testo).toMatch(/anac_calls_total\{operation="conferma-appalto",outcome="KO",status="429"\} 1/);
    expect(testo).toMatch(/anac_calls_total\{operation="esito-operazione",outcome="ERRORE",status="none"\} 1/);
    expect(testo).toMatch(/anac_call_duration_seconds_count\{operation="conferma-appalto",outcome="OK"\} 1/);
    expect(testo).toMatch(/anac_retries_total\{operation="conferma-appalto",kind="call"\} 1/);
  });
});
