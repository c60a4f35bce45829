import { Controller, Get, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiExtraModels, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Attore } from '#platform';
import { AttoreCorrente, Permesso } from '../../security/auth.guard.js';
import { EventiCigInDiretta } from './eventi-cig.query.js';
import { EventoCigDto } from './evento-cig.dto.js';

/**
 * Server-Sent Events by hand rather than Nest's `@Sse()`: the stream's headers (charset, `no-transform`
 * for proxies) and its `retry:` line are part of the contract the console relies on.
 */
@ApiTags('console')
@ApiBearerAuth()
// The stream's body is text (contratto-openapi.ts describes it); the schema of each message's `data:` is its own, for clients' types.
@ApiExtraModels(EventoCigDto)
@Controller('eventi')
export class EventiController {
  constructor(private readonly query: QueryBus) {}

  @Get()
  @Permesso('cig.leggi')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: "Eventi dei CIG dell'ufficio in tempo reale (Server-Sent Events, `event: cig`): CIG assegnato, perfezionato, utilizzato, cancellato…" })
  async flusso(@AttoreCorrente() attore: Attore, @Res() res: Response): Promise<void> {
    const testo = await this.query.execute(new EventiCigInDiretta(attore));
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    const ascolto = testo.subscribe({ next: (t) => void res.write(t), complete: () => void res.end() });
    // The response closes when the client goes away (the request's own 'close' fires once it is read).
    res.on('close', () => ascolto.unsubscribe());
  }
}
