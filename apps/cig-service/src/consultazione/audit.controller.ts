import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { nonTrovato } from '#domain';
import { problem, ProblemException, UuidPipe } from '#platform';
import { validaCig } from '#anac';
import { documentoConsistenza, documentoInclusione, esportaAudit, FORMATO_STH, LettoreParametri, leggiFiltriAudit, paginaAudit, portachiavi, ProvaNonDisponibile, testaFirmata } from '#read-models';
import { ReadYourWrites } from '../http/read-your-writes.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { Permesso, Pubblico } from '../security/auth.guard.js';
import { CHIAVI, idChiaveDaPem, type Chiavi } from './chiavi.js';
import { scriviFlusso } from './flusso.js';
import { PubblicazioneTeste } from './pubblicazione-teste.service.js';
import { VerificheAudit, type VerificaAudit } from './verifiche-audit.service.js';

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
    private readonly verifiche: VerificheAudit,
    private readonly pubblicazione: PubblicazioneTeste,
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
  @ApiOperation({
    summary: 'Verifica del registro: ricalcola la catena di hash, controlla i checkpoint firmati e il confronto con gli eventi; indica il primo record alterato, inserito o eliminato',
    description: "Avvia la verifica (o si unisce a quella in corso) e attende fino a `attesa` secondi: 200 con l'esito, oppure 202 con l'avanzamento e, in Location, l'indirizzo dove leggerlo (GET /audit/verifica/{id}).",
  })
  @ApiQuery({ name: 'attesa', required: false, description: 'secondi di attesa dell\'esito, 0–25 (predefinito 20, entro REQUEST_TIMEOUT_MS)' })
  async verifica(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const p = new LettoreParametri(query, ['attesa'], 'audit');
    const attesa = p.intero('attesa', 0, 25);
    p.verifica();
    // The answer must leave before the request timeout (REQUEST_TIMEOUT_MS) cuts it.
    const limite = Math.max(0, Math.min(25_000, this.runtime.config.REQUEST_TIMEOUT_MS - 5_000));
    const v = await this.verifiche.avvia();
    return this.risposta(await this.verifiche.attendi(v, Math.min(attesa === undefined ? 20_000 : attesa * 1000, limite)), res);
  }

  @Get('verifica/:id')
  @Permesso('audit.leggi')
  @ApiOperation({ summary: "Stato e esito di una verifica del registro avviata da GET /audit/verifica (202 finché è in corso)" })
  async verificaAvviata(@Param('id', new UuidPipe()) id: string, @Res({ passthrough: true }) res: Response) {
    const v = await this.verifiche.trova(id);
    if (!v) throw nonTrovato('VERIFICA_NON_TROVATA', `Verifica ${id} sconosciuta: si conservano le ultime 100; avviarne un'altra con GET /audit/verifica`);
    return this.risposta(v, res);
  }

  private risposta(v: VerificaAudit, res: Response) {
    const verifica = { id: v.id, stato: v.stato, avviataIl: v.avviataIl, recordControllati: v.recordControllati, recordTotali: v.recordTotali, ...(v.conclusaIl ? { conclusaIl: v.conclusaIl } : {}) };
    if (v.stato === 'CONCLUSA') return { ...v.esito!, verifica };
    if (v.stato === 'FALLITA') throw new ProblemException(problem(503, 'VERIFICA_NON_COMPLETATA', v.errore, { retryAfter: 5, verifica }));
    const indirizzo = `/audit/verifica/${v.id}`;
    res.status(202).setHeader('Location', indirizzo);
    res.setHeader('Retry-After', '5');
    return { verifica, stato: indirizzo };
  }

  @Get('chiave-pubblica')
  @Permesso('audit.leggi')
  @ApiOperation({ summary: 'La chiave pubblica (Ed25519) che verifica i checkpoint firmati del registro: JSON, o il file PEM per cli audit verifica-export (formato=pem o Accept: application/x-pem-file)' })
  @ApiProduces('application/json', 'application/x-pem-file')
  @ApiQuery({ name: 'formato', required: false, enum: ['json', 'pem'], description: 'pem: il file PEM da dare a cli audit verifica-export --chiave-pubblica' })
  chiavePubblica(@Query() query: Record<string, unknown>, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const p = new LettoreParametri(query, ['formato'], 'audit');
    const formato = p.scelta('formato', ['json', 'pem'] as const) ?? (/application\/x-pem-file/i.test(accept ?? '') ? 'pem' : 'json');
    p.verifica();
    const firma = this.chiavi.firmaAudit;
    if (formato === 'pem') {
      res.type('application/x-pem-file').setHeader('Content-Disposition', `attachment; filename="chiave-audit-${firma.chiave.replace(/[^\w.-]/g, '')}.pem"`);
      return firma.chiavePubblicaPem;
    }
    return { algoritmo: 'Ed25519', chiave: firma.chiave, chiavePubblica: firma.chiavePubblicaPem };
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

  @Get('sth')
  @Pubblico()
  @ApiOperation({
    summary: "Testa firmata dell'albero Merkle del registro (RFC 9162): dimensione, radice, timestamp, chiave, firma Ed25519. Pubblica: la conserva chiunque, per provare poi che il registro non è cambiato",
  })
  @ApiQuery({ name: 'dimensione', required: false, description: 'la testa di questa dimensione (predefinita: l\'ultima)' })
  async sth(@Query() query: Record<string, unknown>) {
    const p = new LettoreParametri(query, ['dimensione'], 'audit');
    const dimensione = p.intero('dimensione', 1, 999_999_999);
    p.verifica();
    const testa = await testaFirmata(this.runtime.database.pool, dimensione);
    if (!testa) {
      throw dimensione === undefined
        ? nonTrovato('TESTA_NON_DISPONIBILE', 'Nessuna testa firmata ancora: il registro non ne ha raggiunta una (AUDIT_STH_EVERY, AUDIT_STH_SECONDS)')
        : nonTrovato('TESTA_NON_TROVATA', `Nessuna testa firmata di dimensione ${dimensione}`);
    }
    return { formato: FORMATO_STH, ...testa, controfirme: await this.pubblicazione.controfirme(testa.dimensione) };
  }

  @Get('testimoni')
  @Pubblico()
  @ApiOperation({
    summary: "I testimoni a cui il servizio pubblica le teste firmate (AUDIT_TESTIMONI): per ciascuno la chiave, l'ultima dimensione controfirmata, le teste ancora da pubblicare, l'ultimo errore e l'eventuale rifiuto (vista divisa, riscrittura)",
  })
  async testimoni() {
    return { testimoni: await this.pubblicazione.stato() };
  }

  @Get('sth/chiavi')
  @Pubblico()
  @ApiOperation({ summary: 'Le chiavi pubbliche (Ed25519) delle teste firmate: quella in uso e le precedenti (AUDIT_PREVIOUS_PUBLIC_KEYS_FILE); formato=pem: il portachiavi per cli audit verifica-inclusione, verifica-consistenza, testimone' })
  @ApiProduces('application/json', 'application/x-pem-file')
  @ApiQuery({ name: 'formato', required: false, enum: ['json', 'pem'] })
  chiaviSth(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const p = new LettoreParametri(query, ['formato'], 'audit');
    const formato = p.scelta('formato', ['json', 'pem'] as const) ?? 'json';
    p.verifica();
    const pem = this.chiavi.chiaviPubblicheAudit;
    if (formato === 'pem') {
      res.type('application/x-pem-file').setHeader('Content-Disposition', 'attachment; filename="chiavi-audit.pem"');
      return pem.map((k) => k.trim()).join('\n') + '\n';
    }
    return { algoritmo: 'Ed25519', chiavi: pem.map((k, i) => ({ chiave: idChiaveDaPem(k), chiavePubblica: k, inUso: i === 0 })) };
  }

  @Get('consistenza')
  @Pubblico()
  @ApiOperation({
    summary: "Prova di consistenza (RFC 9162 §2.1.4) dall'albero di `da` record alla testa firmata di dimensione `a` (predefinita: l'ultima): mostra che i primi `da` record non sono cambiati. Verifica offline: cli audit verifica-consistenza",
  })
  @ApiQuery({ name: 'da', required: true, description: 'dimensione della testa conservata' })
  @ApiQuery({ name: 'a', required: false, description: 'dimensione della testa più recente (predefinita: l\'ultima)' })
  async consistenza(@Query() query: Record<string, unknown>) {
    const p = new LettoreParametri(query, ['da', 'a'], 'audit');
    const da = p.intero('da', 1, 999_999_999);
    const a = p.intero('a', 1, 999_999_999);
    if (da === undefined && !p.dati().has('da')) p.errore('da', 'obbligatorio', 'OBBLIGATORIO');
    if (da !== undefined && a !== undefined && da > a) p.errore('da', 'non può superare a', 'INTERVALLO_NON_VALIDO');
    p.verifica();
    return this.prova(() => documentoConsistenza(this.runtime.database.pool, da!, a));
  }

  @Get('inclusione')
  @Permesso('audit.leggi')
  @ApiOperation({
    summary: 'Prove di inclusione (RFC 9162 §2.1.3) di record del registro, o di ogni evento di un CIG, in una testa firmata: il record, il suo percorso e la testa. Verifica offline: cli audit verifica-inclusione',
  })
  @ApiQuery({ name: 'seq', required: false, description: 'numeri di record separati da virgola (fino a 100)' })
  @ApiQuery({ name: 'cig', required: false, description: 'ogni evento di questo CIG coperto dalla testa' })
  @ApiQuery({ name: 'dimensione', required: false, description: 'la testa di questa dimensione (predefinita: l\'ultima)' })
  async inclusione(@Query() query: Record<string, unknown>) {
    const p = new LettoreParametri(query, ['seq', 'cig', 'dimensione'], 'audit');
    const dimensione = p.intero('dimensione', 1, 999_999_999);
    const testoSeq = p.dati().get('seq');
    let seq: number[] | undefined;
    if (testoSeq !== undefined) {
      const voci = testoSeq.split(',').map((x) => x.trim());
      if (voci.length > 100 || !voci.every((v) => /^\d{1,12}$/.test(v) && Number(v) >= 1)) p.errore('seq', 'da 1 a 100 numeri di record (interi da 1) separati da virgola', 'INTERO_NON_VALIDO');
      else seq = [...new Set(voci.map(Number))];
    }
    let cig: string | undefined;
    const testoCig = p.dati().get('cig');
    if (testoCig !== undefined) {
      const valido = validaCig(testoCig);
      if (valido.valido) cig = valido.codice;
      else p.errore('cig', `codice CIG non valido: ${valido.motivo}`, 'CIG_NON_VALIDO');
    }
    if (testoSeq === undefined && testoCig === undefined) p.errore('seq', 'obbligatorio: seq o cig', 'OBBLIGATORIO');
    if (testoSeq !== undefined && testoCig !== undefined) p.errore('cig', 'indicare seq oppure cig, non entrambi', 'PARAMETRI_ALTERNATIVI');
    p.verifica();
    return this.prova(() => documentoInclusione(this.runtime.database.pool, { seq, cig, dimensione }));
  }

  private async prova<T>(calcolo: () => Promise<T>): Promise<T> {
    try {
      return await calcolo();
    } catch (error) {
      if (error instanceof ProvaNonDisponibile) throw new ProblemException(problem(error.status, error.codice, error.message));
      throw error;
    }
  }
}
