import type { SqlExecutor } from '#event-store';
import type { OperazioneAnac } from '#domain';

/** Where a practice is: the next thing to do with ANAC. */
export type Passo =
  | 'AVVIO' | 'CREA' | 'RICONCILIA_CREA' | 'MODIFICA' | 'CONFERMA' | 'RICONCILIA_CONFERMA' | 'ESITO_CONFERMA' | 'RECUPERA_CIG'
  | 'PUBBLICA' | 'RICONCILIA_PUBBLICAZIONE' | 'ESITO_PUBBLICAZIONE'
  | 'MODIFICA_AVVISO' | 'RICONCILIA_MODIFICA_AVVISO' | 'ESITO_MODIFICA_AVVISO' | 'RECUPERA_CIG_MODIFICA'
  | 'CANCELLA' | 'VERIFICA_CANCELLAZIONE'
  | 'VERIFICA_ANAC' | 'ESITO_VERIFICA';

/** RITIRATA: the request was withdrawn before its conferma reached ANAC, which was therefore never sent. */
export type StatoPratica = 'ATTIVA' | 'COMPLETATA' | 'RESPINTA' | 'RITIRATA';

/** Working data carried between steps. */
export interface DatiPratica {
  readonly motivo?: string;
  readonly idAvviso?: string;
  readonly idNuovoAvviso?: string;
  /** The last state-changing call's answer was lost: check before repeating it. */
  readonly incerto?: boolean;
}

export interface Pratica {
  readonly appaltoId: string;
  readonly operazione: OperazioneAnac;
  readonly richiestaId: string;
  readonly passo: Passo;
  readonly stato: StatoPratica;
  /** Attempts of the whole practice (monotonic: it seeds the ids of the events it records). */
  readonly tentativi: number;
  /** Failed attempts of the current step (backoff). */
  readonly tentativiPasso: number;
  /** esito-operazione polls of the current step (growing intervals). */
  readonly interrogazioni: number;
  /** A call was started and its end not recorded: the process stopped in the middle. */
  readonly inVolo: boolean;
  readonly prossimoTentativo: Date;
  readonly dati: DatiPratica;
  readonly ultimoErrore?: string;
  /** Since when the practice waits for ANAC (unreachable, or an esito still WT). */
  readonly inAttesaDal?: Date;
  readonly creataIl: Date;
  readonly aggiornataIl: Date;
}

/** Initial step of each operation. */
export const PRIMO_PASSO: Record<OperazioneAnac, Passo> = {
  CONFERMA: 'AVVIO',
  PUBBLICAZIONE: 'PUBBLICA',
  MODIFICA_AVVISO: 'MODIFICA_AVVISO',
  CANCELLAZIONE: 'CANCELLA',
  VERIFICA: 'AVVIO',
};

interface Riga {
  appalto_id: string;
  operazione: OperazioneAnac;
  richiesta_id: string;
  passo: Passo;
  stato: StatoPratica;
  tentativi: number;
  tentativi_passo: number;
  interrogazioni: number;
  in_volo: boolean;
  prossimo_tentativo: Date;
  dati: DatiPratica;
  ultimo_errore: string | null;
  in_attesa_dal: Date | null;
  creata_il: Date;
  aggiornata_il: Date;
}

const daRiga = (r: Riga): Pratica => ({
  appaltoId: r.appalto_id,
  operazione: r.operazione,
  richiestaId: r.richiesta_id,
  passo: r.passo,
  stato: r.stato,
  tentativi: r.tentativi,
  tentativiPasso: r.tentativi_passo,
  interrogazioni: r.interrogazioni,
  inVolo: r.in_volo,
  prossimoTentativo: r.prossimo_tentativo,
  dati: r.dati,
  ultimoErrore: r.ultimo_errore ?? undefined,
  inAttesaDal: r.in_attesa_dal ?? undefined,
  creataIl: r.creata_il,
  aggiornataIl: r.aggiornata_il,
});

/** What a step decided: where to go next and when. */
export interface Avanzamento {
  readonly passo: Passo;
  readonly stato: StatoPratica;
  readonly tra: number;
  readonly dati: DatiPratica;
  readonly tentativiPasso: number;
  readonly interrogazioni: number;
  readonly ultimoErrore: string | null;
  readonly inAttesaDal: Date | null;
}

/**
 * The process manager's table. Scheduling and leases use the database clock, so that several
 * instances agree and a crashed instance's lease expires by itself.
 */
export class PraticheStore {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * A new request (from its event): takes over the row of the same appalto and operation. The
   * same request delivered again, or an older one (`revisione`: its event's revision in the
   * appalto's stream), changes nothing. A later event takes over even with the same request id
   * (a caller that sent the same X-Request-ID twice): the revision, not the id, tells them apart.
   */
  static async apri(tx: SqlExecutor, appaltoId: string, operazione: OperazioneAnac, richiestaId: string, dati: DatiPratica, il: string, revisione: bigint): Promise<void> {
    await tx.query(
      `INSERT INTO anac_pratiche (appalto_id, operazione, richiesta_id, passo, stato, prossimo_tentativo, dati, creata_il, aggiornata_il, richiesta_revisione)
       VALUES ($1, $2, $3, $4, 'ATTIVA', now(), $5, $6, $6, $7)
       ON CONFLICT (appalto_id, operazione) DO UPDATE SET richiesta_id = EXCLUDED.richiesta_id, passo = EXCLUDED.passo, stato = 'ATTIVA',
         tentativi_passo = 0, interrogazioni = 0, in_volo = false, prossimo_tentativo = now(), lease_fino = NULL, lease_di = NULL,
         dati = EXCLUDED.dati, ultimo_errore = NULL, in_attesa_dal = NULL, aggiornata_il = EXCLUDED.aggiornata_il,
         richiesta_revisione = EXCLUDED.richiesta_revisione
       WHERE anac_pratiche.richiesta_revisione < EXCLUDED.richiesta_revisione
          OR (anac_pratiche.richiesta_revisione IS NULL AND anac_pratiche.richiesta_id <> EXCLUDED.richiesta_id)`,
      [appaltoId, operazione, richiestaId, PRIMO_PASSO[operazione], JSON.stringify(dati), il, String(revisione)],
    );
  }

  /** The next step of an active practice is due now (it may be waiting for a retry or a poll). */
  static async anticipa(tx: SqlExecutor, appaltoId: string, operazione: OperazioneAnac): Promise<void> {
    await tx.query(`UPDATE anac_pratiche SET prossimo_tentativo = now() WHERE appalto_id = $1 AND operazione = $2 AND stato = 'ATTIVA'`, [appaltoId, operazione]);
  }

  /** Claims due practices for `leaseMs`; practices claimed by a crashed instance come back when its lease ends. */
  async reclama(istanza: string, massimo: number, leaseMs: number): Promise<Pratica[]> {
    const { rows } = await this.db.query<Riga>(
      `UPDATE anac_pratiche p SET lease_fino = now() + ($3 || ' milliseconds')::interval, lease_di = $1
        WHERE (p.appalto_id, p.operazione) IN (
          SELECT appalto_id, operazione FROM anac_pratiche
           WHERE stato = 'ATTIVA' AND prossimo_tentativo <= now() AND (lease_fino IS NULL OR lease_fino < now())
           ORDER BY prossimo_tentativo LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING p.*`,
      [istanza, massimo, String(leaseMs)],
    );
    return rows.map(daRiga);
  }

  /** Heartbeat: the holder is alive, its claim lasts `leaseMs` more. False when it lost the claim. */
  async rinnova(p: Pratica, istanza: string, leaseMs: number): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `UPDATE anac_pratiche SET lease_fino = now() + ($4 || ' milliseconds')::interval
        WHERE appalto_id = $1 AND operazione = $2 AND lease_di = $3`,
      [p.appaltoId, p.operazione, istanza, String(leaseMs)],
    );
    return (rowCount ?? 0) > 0;
  }

  /**
   * Before a call: the attempt is counted and marked in flight at `passo` (the step started, which
   * may be past the stored one when that called nothing), so a crash shows and is reconciled from it.
   */
  async inizia(p: Pratica, istanza: string, passo: Passo): Promise<Pratica | undefined> {
    const { rows } = await this.db.query<Riga>(
      `UPDATE anac_pratiche SET tentativi = tentativi + 1, in_volo = true, passo = $5, aggiornata_il = now()
        WHERE appalto_id = $1 AND operazione = $2 AND richiesta_id = $3 AND lease_di = $4 RETURNING *`,
      [p.appaltoId, p.operazione, p.richiestaId, istanza, passo],
    );
    return rows[0] ? daRiga(rows[0]) : undefined;
  }

  /**
   * After a step: where to go next. Releases the lease, unless the worker goes straight on with
   * the next step (`continua`): then it keeps the practice and the next step is started in the
   * same statement, as {@link inizia} would (its attempt counted, marked in flight at `a.passo`).
   * A newer request of the same kind wins (nothing is updated then).
   */
  async avanza(p: Pratica, a: Avanzamento, continua = false): Promise<Pratica | undefined> {
    const { rows } = await this.db.query<Riga>(
      `UPDATE anac_pratiche SET passo = $4, stato = $5, prossimo_tentativo = now() + ($6 || ' milliseconds')::interval, dati = $7,
         tentativi_passo = $8, interrogazioni = $9, ultimo_errore = $10, in_attesa_dal = $11, in_volo = $12,
         tentativi = tentativi + CASE WHEN $12 THEN 1 ELSE 0 END,
         lease_fino = CASE WHEN $12 THEN lease_fino ELSE NULL END, lease_di = CASE WHEN $12 THEN lease_di ELSE NULL END, aggiornata_il = now()
        WHERE appalto_id = $1 AND operazione = $2 AND richiesta_id = $3 RETURNING *`,
      [p.appaltoId, p.operazione, p.richiestaId, a.passo, a.stato, String(Math.max(0, Math.round(a.tra))), JSON.stringify(a.dati),
        a.tentativiPasso, a.interrogazioni, a.ultimoErrore, a.inAttesaDal, continua],
    );
    return rows[0] ? daRiga(rows[0]) : undefined;
  }

  /** A step that could not finish (database or event store trouble): try again after `ms`, reconciling first. */
  async rimanda(p: Pratica, ms: number): Promise<void> {
    await this.db.query(
      `UPDATE anac_pratiche SET lease_fino = NULL, lease_di = NULL, prossimo_tentativo = now() + ($4 || ' milliseconds')::interval
        WHERE appalto_id = $1 AND operazione = $2 AND richiesta_id = $3`,
      [p.appaltoId, p.operazione, p.richiestaId, String(ms)],
    );
  }

  /**
   * Releases a claim between two steps (shutdown, or enough steps in a row): the step that
   * {@link avanza} started with `continua` called nothing yet, so it is no longer in flight.
   */
  async rilascia(p: Pratica, istanza: string): Promise<void> {
    await this.db.query('UPDATE anac_pratiche SET lease_fino = NULL, lease_di = NULL, in_volo = false WHERE appalto_id = $1 AND operazione = $2 AND lease_di = $3', [
      p.appaltoId, p.operazione, istanza,
    ]);
  }

  async diAppalto(appaltoId: string): Promise<Pratica[]> {
    const { rows } = await this.db.query<Riga>('SELECT * FROM anac_pratiche WHERE appalto_id = $1 ORDER BY aggiornata_il DESC', [appaltoId]);
    return rows.map(daRiga);
  }

  /** For the metrics: active practices per step with the age of the oldest, and how many wait past `sogliaMs`. */
  async riepilogo(adesso: Date, sogliaMs: number): Promise<{ perPasso: Array<{ passo: string; pratiche: number; etaMassimaS: number }>; oltreSoglia: number }> {
    const { rows } = await this.db.query<{ passo: string; pratiche: string; piu_vecchia: Date; oltre: string }>(
      `SELECT passo, count(*) AS pratiche, min(creata_il) AS piu_vecchia, count(*) FILTER (WHERE in_attesa_dal < $1) AS oltre
         FROM anac_pratiche WHERE stato = 'ATTIVA' GROUP BY passo ORDER BY passo`,
      [new Date(adesso.getTime() - sogliaMs)],
    );
    return {
      perPasso: rows.map((r) => ({ passo: r.passo, pratiche: Number(r.pratiche), etaMassimaS: Math.max(0, (adesso.getTime() - new Date(r.piu_vecchia).getTime()) / 1000) })),
      oltreSoglia: rows.reduce((n, r) => n + Number(r.oltre), 0),
    };
  }

  /** Active practices waiting for ANAC for longer than `ms` (for the alert). */
  async inAttesaDaOltre(ms: number, adesso: Date): Promise<Pratica[]> {
    const { rows } = await this.db.query<Riga>(
      `SELECT * FROM anac_pratiche WHERE stato = 'ATTIVA' AND in_attesa_dal IS NOT NULL AND in_attesa_dal < $1`,
      [new Date(adesso.getTime() - ms)],
    );
    return rows.map(daRiga);
  }
}
