import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type pg from 'pg';
import { CLOCK, entro, ID_GENERATOR, LOGGER, type Clock, type IdGenerator, type Logger } from '#platform';
import type { EventStore } from '#event-store';
import { setTimeout as pausa } from 'node:timers/promises';
import { verificaAudit } from '#read-models';
import { EVENT_STORE, PG_POOL, WALL_CLOCK } from '../infrastructure/tokens.js';
import { CHIAVI, type Chiavi } from '../security/chiavi.js';
import type { VerificaAudit } from './verifica-audit.js';

/** Verifications kept (the oldest beyond these are deleted when one starts). */
const CONSERVATE = 100;
/** The running instance renews its verification this often… */
const RINNOVO_MS = 5_000;
/** …and one not renewed for this long was left by an instance that stopped: it is closed as interrupted. */
const ABBANDONATA_MS = 30_000;
/** How often a waiting request of another instance reads the progress. */
const LETTURA_MS = 250;

const INTERROTTA_ARRESTO = 'Verifica interrotta: il servizio si è arrestato; avviarne un’altra';
const INTERROTTA_ISTANZA = 'Verifica interrotta: l’istanza che la eseguiva si è arrestata; avviarne un’altra';
const ERRORE_INTERNO = 'Verifica non completata per un errore interno: ripeterla';

class VerificaInterrotta extends Error {}

interface Riga {
  id: string;
  stato: VerificaAudit['stato'];
  avviata_il: Date;
  conclusa_il: Date | null;
  record_controllati: string;
  record_totali: string;
  esito: VerificaAudit['esito'] | null;
  errore: string | null;
}

/**
 * Verifying a trail of millions of records takes minutes, longer than any request may last: it
 * runs in the background of the instance that started it, one at a time across the instances
 * (a request arriving meanwhile, at any instance, joins the running one), and its progress and
 * outcome are kept in the database (`audit_verifiche`), readable by id from every instance. A
 * verification whose instance died is closed as interrupted once its renewals stop.
 */
@Injectable()
export class VerificheAudit implements OnApplicationShutdown {
  private locale: { readonly id: string; readonly fatto: Promise<void> } | undefined;
  private chiusura = false;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WALL_CLOCK) private readonly wallClock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CHIAVI) private readonly chiavi: Chiavi,
  ) {}

  /** The running verification (of any instance), or a new one run here, started by `avviataDa` (a userId). */
  async avvia(avviataDa?: string): Promise<VerificaAudit> {
    const pool = this.pool;
    for (let tentativo = 0; tentativo < 5; tentativo++) {
      const adesso = this.wallClock.now();
      await pool.query(`UPDATE audit_verifiche SET stato = 'FALLITA', errore = $1, conclusa_il = $2 WHERE stato = 'IN_CORSO' AND rinnovata_il < $3`, [
        INTERROTTA_ISTANZA,
        this.clock.now(),
        new Date(adesso.getTime() - ABBANDONATA_MS),
      ]);
      const id = this.ids.uuid();
      const { rowCount } = await pool.query(
        `INSERT INTO audit_verifiche (id, stato, avviata_il, rinnovata_il, avviata_da) VALUES ($1, 'IN_CORSO', $2, $3, $4) ON CONFLICT DO NOTHING`,
        [id, this.clock.now(), adesso, avviataDa ?? null],
      );
      if (rowCount === 1) {
        await pool.query(`DELETE FROM audit_verifiche WHERE stato <> 'IN_CORSO' AND id NOT IN (SELECT id FROM audit_verifiche ORDER BY avviata_il DESC LIMIT $1)`, [CONSERVATE]);
        this.locale = { id, fatto: this.esegui(id) };
        return (await this.trova(id))!;
      }
      const { rows } = await pool.query<Riga>(`SELECT * FROM audit_verifiche WHERE stato = 'IN_CORSO'`);
      if (rows[0]) return daRiga(rows[0]);
      // The running one ended between the two statements: try again.
    }
    throw new Error('audit verification: could not start nor join one');
  }

  async trova(id: string): Promise<VerificaAudit | undefined> {
    const { rows } = await this.pool.query<Riga>('SELECT * FROM audit_verifiche WHERE id = $1', [id]);
    return rows[0] ? daRiga(rows[0]) : undefined;
  }

  /** Waits up to `ms` for `v` to end (here, or in the instance running it); answers its latest state. */
  async attendi(v: VerificaAudit, ms: number): Promise<VerificaAudit> {
    if (v.stato !== 'IN_CORSO') return v;
    const fine = Date.now() + ms;
    if (this.locale?.id === v.id) await entro(this.locale.fatto.then(() => true), ms, false);
    else {
      for (let ultima = v; ultima.stato === 'IN_CORSO' && Date.now() < fine; ) {
        await pausa(Math.min(LETTURA_MS, Math.max(0, fine - Date.now())));
        ultima = (await this.trova(v.id)) ?? ultima;
      }
    }
    return (await this.trova(v.id)) ?? v;
  }

  async onApplicationShutdown(): Promise<void> {
    this.chiusura = true;
    await this.locale?.fatto;
  }

  /** Runs the verification, writing its progress (in order, at most once a second) and its outcome. */
  private async esegui(id: string): Promise<void> {
    const pool = this.pool;
    const { firmaAudit } = this.chiavi;
    let scritture: Promise<unknown> = Promise.resolve();
    const scrivi = (sql: string, valori: unknown[]) => {
      scritture = scritture.then(() => pool.query(sql, valori)).catch((error: unknown) => this.logger.warn({ err: error, verifica: id }, 'audit verification: progress not recorded'));
      return scritture;
    };
    const rinnova = () => scrivi('UPDATE audit_verifiche SET rinnovata_il = $2 WHERE id = $1', [id, this.wallClock.now()]);
    const rinnovo = setInterval(() => void rinnova(), RINNOVO_MS);
    rinnovo.unref();
    let scrittoAl = 0;
    try {
      const esito = await verificaAudit(pool, this.eventStore, {
        chiavePubblicaPem: firmaAudit.chiavePubblicaPem,
        progresso: (fatti, totale) => {
          if (this.chiusura) throw new VerificaInterrotta('servizio in arresto');
          const adesso = Date.now();
          if (adesso - scrittoAl < 1_000) return;
          scrittoAl = adesso;
          void scrivi('UPDATE audit_verifiche SET record_controllati = $2, record_totali = $3, rinnovata_il = $4 WHERE id = $1', [id, fatti, totale, this.wallClock.now()]);
        },
      });
      await scrivi(
        `UPDATE audit_verifiche SET stato = 'CONCLUSA', esito = $2, record_controllati = $3, record_totali = GREATEST(record_totali, $3), conclusa_il = $4 WHERE id = $1`,
        [id, JSON.stringify({ ...esito, chiave: firmaAudit.chiave }), esito.recordVerificati, this.clock.now()],
      );
    } catch (error) {
      if (!(error instanceof VerificaInterrotta)) this.logger.warn({ err: error, verifica: id }, 'audit trail verification failed');
      await scrivi(`UPDATE audit_verifiche SET stato = 'FALLITA', errore = $2, conclusa_il = $3 WHERE id = $1`, [
        id,
        error instanceof VerificaInterrotta ? INTERROTTA_ARRESTO : ERRORE_INTERNO,
        this.clock.now(),
      ]);
    } finally {
      clearInterval(rinnovo);
      if (this.locale?.id === id) this.locale = undefined;
    }
  }
}

function daRiga(r: Riga): VerificaAudit {
  return {
    id: r.id,
    stato: r.stato,
    avviataIl: r.avviata_il.toISOString(),
    recordControllati: Number(r.record_controllati),
    recordTotali: Number(r.record_totali),
    ...(r.conclusa_il ? { conclusaIl: r.conclusa_il.toISOString() } : {}),
    ...(r.esito ? { esito: r.esito } : {}),
    ...(r.errore ? { errore: r.errore } : {}),
  };
}
