import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, NEVER, of } from 'rxjs';
import { ProblemException } from './problem.js';
import { RequestTimeoutInterceptor } from './timeout.interceptor.js';

const contesto = (path: string) => ({ switchToHttp: () => ({ getRequest: () => ({ path }) }) }) as unknown as ExecutionContext;
const handler = (o: ReturnType<CallHandler['handle']>): CallHandler => ({ handle: () => o });

describe('request timeout', () => {
  it('answers 503 problem when the handler does not finish in time', async () => {
    const failure = (await lastValueFrom(new RequestTimeoutInterceptor(20).intercept(contesto("/appalti"), handler(NEVER))).catch((e: unknown) => e)) as ProblemException;
    expect(failure).toBeInstanceOf(ProblemException);
    expect(failure.problem).toMatchObject({ status: 503, code: 'TEMPO_SCADUTO', retryAfter: 5 });
  });

  it('lets fast answers through and never cuts downloads', async () => {
    expect(await lastValueFrom(new RequestTimeoutInterceptor(20).intercept(contesto('/appalti'), handler(of('ok'))))).toBe('ok');
    const download = new RequestTimeoutInterceptor(20).intercept(contesto('/cig/export.csv'), handler(NEVER));
    const esito = await Promise.race([lastValueFrom(download).then(() => 'finito', () => 'errore'), new Promise((r) => setTimeout(() => r('ancora in corso'), 60))]);
    expect(esito).toBe('ancora in corso');
  });
});
