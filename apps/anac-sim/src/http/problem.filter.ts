import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Logger } from '#platform';
import type { Response } from 'express';
import { erroreTipologica } from '../pcp/errori.js';
import { errore, type RispostaPcp } from '../pcp/risposte.js';

/**
 * Whatever did not go through the pipeline (unknown path, unreadable body, a bug) still answers
 * an ANAC-style `ErrorResponse`: 404 for unknown paths, 400 for anything malformed, 500 otherwise.
 * Never a stack trace.
 */
@Catch()
export class AnacProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const risposta = this.risposta(error);
    if (risposta.status >= 500) this.logger.error({ err: error }, 'errore non gestito');
    if (res.headersSent) return;
    res.status(risposta.status).type(risposta.contentType).send(JSON.stringify(risposta.body));
  }

  private risposta(error: unknown): RispostaPcp {
    const status = error instanceof HttpException ? error.getStatus() : (error as { status?: unknown })?.status;
    if (status === 404) return errore(404, undefined, 'Risorsa non trovata');
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return errore(400, [erroreTipologica('SEC03', 'richiesta non leggibile')], 'Richiesta malformata');
    }
    return errore(500, [erroreTipologica('ERR9999', 'errore inatteso del simulatore')]);
  }
}
