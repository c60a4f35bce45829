import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { entro } from '#platform';
import { verificaAudit, type EsitoVerifica } from '#read-models';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { CHIAVI, type Chiavi } from './chiavi.js';

/** One verification of the audit trail, run in the background of this instance. */
export interface VerificaAudit {
  readonly id: string;
  readonly avviataIl: string;
  stato: 'IN_CORSO' | 'CONCLUSA' | 'FALLITA';
  recordControllati: number;
  recordTotali: number;
  conclusaIl?: string;
  esito?: EsitoVerifica & { readonly chiave: string };
  errore?: string;
  readonly fatto: Promise<void>;
}

const CONSERVATE = 20;

class VerificaInterrotta extends Error {}

/**
 * Verifying a trail of millions of records takes minutes, longer than any request may last: it
 * runs here in the background, one at a time per instance (a request arriving meanwhile joins the
 * running one), and the last results stay readable by id until the instance stops.
 */
@Injectable()
export class VerificheAudit implements OnApplicationShutdown {
  private readonly verifiche = new Map<string, VerificaAudit>();
  private inCorso: VerificaAudit | undefined;
  private chiusura = false;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(CHIAVI) private readonly chiavi: Chiavi,
  ) {}

  /** The running verification, or a new one. */
  avvia(): VerificaAudit {
    if (this.inCorso) return this.inCorso;
    const { firmaAudit } = this.chiavi;
    const v = {
      id: this.runtime.ids.uuid(),
      avviataIl: this.runtime.clock.now().toISOString(),
      stato: 'IN_CORSO',
      recordControllati: 0,
      recordTotali: 0,
    } as Omit<VerificaAudit, 'fatto'> as VerificaAudit;
    const lavoro = verificaAudit(this.runtime.database.pool, this.runtime.eventStore, {
      chiavePubblicaPem: firmaAudit.chiavePubblicaPem,
      progresso: (fatti, totale) => {
        if (this.chiusura) throw new VerificaInterrotta('servizio in arresto');
        v.recordControllati = fatti;
        v.recordTotali = totale;
      },
    }).then(
      (esito) => {
        Object.assign(v, { stato: 'CONCLUSA', esito: { ...esito, chiave: firmaAudit.chiave }, recordControllati: esito.recordVerificati });
      },
      (error: unknown) => {
        this.runtime.logger.warn({ err: error, verifica: v.id }, 'audit trail verification failed');
        Object.assign(v, { stato: 'FALLITA', errore: error instanceof VerificaInterrotta ? 'Verifica interrotta: il servizio si è arrestato' : 'Verifica non completata per un errore interno: ripeterla' });
      },
    ).finally(() => {
      v.conclusaIl = this.runtime.clock.now().toISOString();
      if (this.inCorso === v) this.inCorso = undefined;
    });
    Object.assign(v, { fatto: lavoro });
    this.inCorso = v;
    this.verifiche.set(v.id, v);
    for (const vecchia of this.verifiche.keys()) if (this.verifiche.size > CONSERVATE) this.verifiche.delete(vecchia);
    return v;
  }

  trova(id: string): VerificaAudit | undefined {
    return this.verifiche.get(id);
  }

  /** Waits up to `ms` for `v` to end; true when it has. */
  async attendi(v: VerificaAudit, ms: number): Promise<boolean> {
    return v.stato !== 'IN_CORSO' || entro(v.fatto.then(() => true), ms, false);
  }

  async onApplicationShutdown(): Promise<void> {
    this.chiusura = true;
    await this.inCorso?.fatto;
  }
}
