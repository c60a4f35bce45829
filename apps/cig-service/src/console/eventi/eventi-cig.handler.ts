import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Observable } from 'rxjs';
import { EventiCig } from './eventi-cig.js';
import { EventiCigInDiretta } from './eventi-cig.query.js';

/** Every caller with `cig.leggi` may listen; what each receives is filtered by office as events arrive (EventiCig). */
@QueryHandler(EventiCigInDiretta)
export class EventiCigHandler implements IQueryHandler<EventiCigInDiretta> {
  constructor(private readonly eventi: EventiCig) {}

  async execute({ attore }: EventiCigInDiretta): Promise<Observable<string>> {
    return this.eventi.flusso(attore);
  }
}
