import type { OperazioneSimog } from '#anac';
import type { Logger } from '#platform';
import type { Request, Response } from 'express';
import type { CallsLog } from '../admin/calls-log.js';
import type { Contesto } from '../engine/contesto.js';
import type { RupRegistrato } from '../identity/rup-registry.js';
import { annullaCigCarnet, annullaSmartCig, comunicaCigCarnet, modificaSmartCig, richiediCarnet, richiediSmartCig } from './azioni-smartcig.js';
import { cancellaCig, cancellaGara, creaGara, creaLotto, perfezionaCig, richiediAnnullamento, type AzioneLegacy } from './azioni-simog.js';
import { ErroreLegacy } from './errori-legacy.js';
import { leggiRichiesta } from './richiesta-legacy.js';

const AZIONI: Readonly<Record<OperazioneSimog, AzioneLegacy>> = {
  'crea-gara': creaGara, 'crea-lotto': creaLotto, 'perfeziona-cig': perfezionaCig, 'cancella-cig': cancellaCig, 'cancella-gara': cancellaGara,
  'richiedi-annullamento': richiediAnnullamento, 'richiedi-smartcig': richiediSmartCig, 'modifica-smartcig': modificaSmartCig,
  'annulla-smartcig': annullaSmartCig, 'richiedi-carnet': richiediCarnet, 'comunica-cig-carnet': comunicaCigCarnet, 'annulla-cig-carnet': annullaCigCarnet,
};

export interface PipelineLegacyDeps {
  readonly contesto: Contesto;
  readonly calls: CallsLog;
  readonly logger: Logger;
  readonly registry: readonly RupRegistrato[];
  readonly voucher?: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * SIMOG and SmartCIG calls go through the same faults as PCP ones (latency, outage, 429,
 * crash after commit: `operations` may name these operations too), then a voucher check, the
 * caller's registration for the SA, and the operation, saved before the answer is sent.
 */
export class PipelineLegacy {
  constructor(private readonly d: PipelineLegacyDeps) {}

  async run(req: Request, res: Response, op: OperazioneSimog): Promise<void> {
    const c = this.d.contesto;
    const latencyMs = c.faults.latencyFor(op);
    if (latencyMs > 0) await sleep(latencyMs);
    const base = { operation: op, method: req.method, path: req.originalUrl, at: c.clock.now().toISOString(), ...(latencyMs > 0 ? { latencyMs } : {}) };
    const prima = c.faults.beforeCall(op);
    if (prima?.kind === 'drop') {
      req.socket.destroy();
      return this.d.calls.record({ ...base, status: 'dropped', fault: 'outage' });
    }
    if (prima?.kind === '503' || prima?.kind === '429') {
      const status = prima.kind === '503' ? 503 : 429;
      if (prima.kind === '429') res.setHeader('Retry-After', String(prima.retryAfterSeconds));
      res.status(status).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title: 'KO', status, detail: status === 503 ? 'Servizio non disponibile' : 'Limite di richieste raggiunto' }));
      return this.d.calls.record({ ...base, status, fault: prima.kind === '503' ? 'outage' : 'too-many-requests' });
    }
    let status = 200;
    let corpo: Record<string, unknown>;
    let utente: string | undefined;
    try {
      this.verificaVoucher(req.headers.authorization);
      const richiesta = leggiRichiesta(req.body, this.d.registry);
      utente = richiesta.titolare.rupCodiceFiscale;
      corpo = { type: 'about:blank', title: 'OK', status: 200, detail: 'Operazione eseguita con successo', ...AZIONI[op](c, richiesta) };
      c.store.commit();
    } catch (error) {
      if (!(error instanceof ErroreLegacy)) {
        this.d.logger.error({ err: error, operation: op }, 'errore inatteso nel simulatore SIMOG/SmartCIG');
        error = new ErroreLegacy('LEG08', 'errore inatteso del simulatore');
      }
      const e = error as ErroreLegacy;
      status = e.status;
      corpo = e.corpo();
    }
    const dopo = utente ? c.faults.afterCommit(op) : undefined;
    const registrato = { ...base, ...(utente ? { userCodiceFiscale: utente } : {}) };
    if (dopo === 'drop') {
      req.socket.destroy();
      return this.d.calls.record({ ...registrato, status: 'dropped', fault: 'crash-after-commit' });
    }
    if (dopo === '504') {
      res.status(504).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title: 'KO', status: 504, detail: 'Gateway Timeout' }));
      return this.d.calls.record({ ...registrato, status: 504, fault: 'gateway-timeout-after-commit' });
    }
    res.status(status).type(status === 200 ? 'application/json' : 'application/problem+json').send(JSON.stringify(corpo));
    const errori = (corpo.errori as Array<{ codice: string }> | undefined)?.map((e) => e.codice);
    this.d.calls.record({ ...registrato, status, ...(errori ? { errori } : {}) });
  }

  private verificaVoucher(header: string | undefined): void {
    const voucher = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    if (!voucher || (this.d.voucher !== undefined && voucher !== this.d.voucher)) throw new ErroreLegacy('LEG13', 'Authorization: Bearer <voucher>');
  }
}
