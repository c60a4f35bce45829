import { Query } from '@nestjs/cqrs';
import type { Observable } from 'rxjs';
import type { Attore } from '#platform';

/**
 * `GET /eventi`: the live CIG events `attore` may see, as the text of a Server-Sent Events stream
 * (`retry:` first, then `event: cig` messages and keep-alive comments). The answer is an Observable:
 * nothing flows until the controller subscribes, and unsubscribing leaves the stream.
 */
export class EventiCigInDiretta extends Query<Observable<string>> {
  constructor(readonly attore: Attore) {
    super();
  }
}
