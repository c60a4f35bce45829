import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { esportaAudit, LettoreParametri, leggiFiltriAudit, paginaAudit, verificaAudit } from '#read-models';
import { ReadYourWrites } from '../http/read-your-writes.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { Permesso } from '../security/auth.guard.js';
import { CHIAVI, type Chiavi } from './chiavi.js';
import { scriviFlusso } from './flusso.js';

/**
 * The audit trail (DESIGN §6), for auditors and anti-corruption officers: every event with who,
 * when (effective and recorded), why and in which request; its verification (hash chain, signed
 * checkpoints, and the event store); its export for offline verification.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly ryw: ReadYourWrites,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(CHIAVI) private readonly chiavi: Chiavi,
  ) {}

  @Get()
  @Permesso('audit.leggi')
  @ApiOperation({ summary: 'Registro di audit: ogni evento con attore, ruolo, ufficio, data effettiva e di registrazione, motivazione, correlazione' })
  @ApiQuery({ name: 'cig', required: false })
  @ApiQuery({ name: 'appalto', required: false, description: 'ID appalto' })
  @ApiQuery({ name: 'attore', required: false, description: 'userId di chi ha agito' })
  @ApiQuery({ name: 'ufficio', required: false })
  @ApiQuery({ name: 'tipo', required: false, description: 'tipi di evento separati da virgola' })
  @ApiQuery({ name: 'da', required: false, description: 'data effettiva da (giorno o istante ISO-8601)' })
  @ApiQuery({ name: 'a', required: false, description: 'data effettiva a (un giorno: incluso)' })
  @ApiQuery({ name: 'limite', required: false, description: 'fino a 500 (predefinito 50)' })
  @ApiQuery({ name: 'cursore', required: false })
  @ApiQuery({ name: 'attendi', required: false })
  async elenco(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const richiesta = leggiFiltriAudit(query);
    await this.ryw.attendi(query.attendi as string | undefined, ['audit'], res);
    return paginaAudit(this.runtime.database.pool, richiesta, this.chiavi.cursori);
  }

  @Get('verifica')
  @Permesso('audit.leggi')
  @ApiOperation({ summary: 'Verifica del registro: ricalcola la catena di hash, controlla i checkpoint firmati e il confronto con gli eventi; indica il primo record alterato, inserito o eliminato' })
  async verifica() {
    const { firmaAudit } = this.chiavi;
    const esito = await verificaAudit(this.runtime.database.pool, this.runtime.eventStore, { chiavePubblicaPem: firmaAudit.chiavePubblicaPem });
    return { ...esito, chiave: firmaAudit.chiave };
  }

  @Get('chiave-pubblica')
  @Permesso('audit.leggi')
  @ApiOperation({ summary: 'La chiave pubblica (Ed25519, PEM) che verifica i checkpoint firmati del registro' })
  chiavePubblica() {
    return { algoritmo: 'Ed25519', chiave: this.chiavi.firmaAudit.chiave, chiavePubblica: this.chiavi.firmaAudit.chiavePubblicaPem };
  }

  @Get('export')
  @Permesso('audit.leggi')
  @ApiOperation({ summary: 'Esporta il registro (JSON lines: record, checkpoint firmati, checkpoint finale) per la verifica offline: cli audit verifica-export' })
  @ApiProduces('application/x-ndjson')
  @ApiQuery({ name: 'daSeq', required: false, description: 'dal record successivo a questo (predefinito: dal primo)' })
  @ApiQuery({ name: 'aSeq', required: false, description: 'fino a questo record incluso' })
  async esporta(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const p = new LettoreParametri(query, ['daSeq', 'aSeq'], 'audit');
    const daSeq = p.intero('daSeq', 0, 999_999_999);
    const aSeq = p.intero('aSeq', 1, 999_999_999);
    p.intervallo('daSeq', 'aSeq', (x, y) => Number(x) - Number(y) + 1, daSeq?.toString(), aSeq?.toString());
    p.verifica();
    res.status(200).type('application/x-ndjson; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="audit.jsonl"');
    const righe = esportaAudit(this.runtime.database.pool, this.chiavi.firmaAudit, { daSeq: daSeq?.toString(), aSeq: aSeq?.toString() }, this.runtime.clock.now());
    await scriviFlusso(res, righe);
  }
}
