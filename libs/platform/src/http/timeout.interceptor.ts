import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, Observable, throwError, timeout, TimeoutError } from 'rxjs';
import { problem, ProblemException } from './problem.js';

/** Downloads and uploads that may legitimately stream for long (CSV exports, PDFs, imports). */
const STREAMING = /(\.csv|\.pdf|\/export|^\/admin\/import)$/;

/**
 * A request that takes longer than `ms` is answered 503 (the work it started is not undone:
 * commands are atomic appends, either done or not). Long downloads and imports are exempt.
 */
@Injectable()
export class RequestTimeoutInterceptor implements NestInterceptor {
  constructor(private readonly ms: number) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    if (STREAMING.test(request.path)) return next.handle();
    return next.handle().pipe(
      timeout(this.ms),
      catchError((error: unknown) =>
        throwError(() =>
          error instanceof TimeoutError
            ? new ProblemException(problem(503, 'TEMPO_SCADUTO', `La richiesta non si è conclusa entro ${Math.round(this.ms / 1000)} secondi: riprova`, { retryAfter: 5 }))
            : error,
        ),
      ),
    );
  }
}
