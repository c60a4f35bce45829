import type pg from 'pg';
import type { SqlExecutor } from '#event-store';
import { inTransazione } from '#platform';
import type { CorpoWebhook, Instradamento } from './eventi-webhook.js';

export interface Sottoscrizione {
  readonly id: string;
  readonly url: string;
  readonly eventi: readonly string[];
  /** Only this office's events; null: every office (administrators' integrations). */
  readonly ufficio: string | null;
  readonly descrizione: string | null;
  readonly attiva: boolean;
  readonly creataIl: string;
  readonly creataDa: string;
  readonly eliminataIl: string | null;
}

/** A subscription as the outbox and the worker read it: with its secret, which no answer ever carries. */
export interface SottoscrizioneConSegreto extends Sottoscrizione {
  readonly segreto: string;
}

/** One row of the outbox: an event to deliver to one subscription. */
export interface Consegna {
  readonly id: string;
  readonly sottoscrizioneId: string;
  readonly eventoId: string;
  readonly tipo: string;
  readonly posizione: string;
  readonly chiave: string;
  readonly corpo: CorpoWebhook;
  readonly ripetizione: boolean;
  readonly tentativi: number;
  readonly creataIl: Date;
}

export interface ConsegnaDaInviare extends Consegna {
  readonly url: string;
  readonly segreto: string;
}

export type StatoConsegna = 'IN_ATTESA' | 'CONSEGNATA' | 'SCARTATA' | 'ANNULLATA';
export const STATI_CONSEGNA: readonly StatoConsegna[] = ['IN_ATTESA', 'CONSEGNATA', 'SCARTATA', 'ANNULLATA'];

export interface Tentativo {
  readonly numero: number;
  readonly il: Date;
  readonly esito: 'OK' | 'ERRORE';
  readonly statoHttp: number | null;
  readonly latenzaMs: number;
  readonly errore: string | null;
}

type RigaSottoscrizione = { id: string; url: string; segreto: string; eventi: string[]; ufficio: string | null; descrizione: string | null; attiva: boolean; creata_il: Date; creata_da: string; eliminata_il: Date | null };

const sottoscrizione = (r: RigaSottoscrizione): SottoscrizioneConSegreto => ({
  id: r.id,
  url: r.url,
  segreto: r.segreto,
  eventi: r.eventi,
  ufficio: r.ufficio,
  descrizione: r.descrizione,
  attiva: r.attiva,
  creataIl: r.creata_il.toISOString(),
  creataDa: r.creata_da,
  eliminataIl: r.eliminata_il?.toISOString() ?? null,
});

/** What an answer may show of a subscription: everything but the secret. */
export const pubblica = ({ segreto: _segreto, ...resto }: SottoscrizioneConSegreto): Sottoscrizione => resto;

type RigaConsegna = { id: string; sottoscrizione_id: string; evento_id: string; tipo: string; posizione: string; chiave: string; corpo: CorpoWebhook; ripetizione: boolean; tentativi: number; creata_il: Date };
const consegna = (r: RigaConsegna): Consegna => ({
  id: String(r.id), sottoscrizioneId: r.sottoscrizione_id, eventoId: r.evento_id, tipo: r.tipo, posizione: r.posizione, chiave: r.chiave, corpo: r.corpo, ripetizione: r.ripetizione, tentativi: r.tentativi, creataIl: r.creata_il,
});

/** The SQL of webhooks: subscriptions, the outbox (`webhook_consegne`), the attempts and the streams' routing. */
export const WebhookStore = {
  async crea(db: SqlExecutor, s: SottoscrizioneConSegreto): Promise<void> {
    await db.query(
      `INSERT INTO webhook_sottoscrizioni (id, url, segreto, eventi, ufficio, descrizione, attiva, creata_il, creata_da) VALUES ($1, $2, $3, $4, $5, $6, true, $7, $8)`,
      [s.id, s.url, s.segreto, s.eventi, s.ufficio, s.descrizione, s.creataIl, s.creataDa],
    );
  },

  async elenco(db: SqlExecutor): Promise<SottoscrizioneConSegreto[]> {
    const { rows } = await db.query<RigaSottoscrizione>('SELECT * FROM webhook_sottoscrizioni ORDER BY creata_il, id');
    return rows.map(sottoscrizione);
  },

  async trova(db: SqlExecutor, id: string): Promise<SottoscrizioneConSegreto | undefined> {
    const { rows } = await db.query<RigaSottoscrizione>('SELECT * FROM webhook_sottoscrizioni WHERE id = $1', [id]);
    return rows[0] ? sottoscrizione(rows[0]) : undefined;
  },

  async attive(db: SqlExecutor): Promise<SottoscrizioneConSegreto[]> {
    const { rows } = await db.query<RigaSottoscrizione>('SELECT * FROM webhook_sottoscrizioni WHERE attiva ORDER BY id');
    return rows.map(sottoscrizione);
  },

  /** Deactivates the subscription (its log stays) and cancels what it still had to deliver. */
  async elimina(pool: pg.Pool, id: string, il: Date): Promise<void> {
    await inTransazione(pool, async (client) => {
      await client.query('UPDATE webhook_sottoscrizioni SET attiva = false, eliminata_il = coalesce(eliminata_il, $2) WHERE id = $1', [id, il]);
      await client.query("UPDATE webhook_consegne SET stato = 'ANNULLATA', conclusa_il = $2 WHERE sottoscrizione_id = $1 AND stato = 'IN_ATTESA'", [id, il]);
    });
  },

  async flussi(db: SqlExecutor, flussi: readonly string[]): Promise<Map<string, Instradamento>> {
    if (flussi.length === 0) return new Map();
    const { rows } = await db.query<{ flusso: string; ufficio: string | null; chiave: string }>('SELECT flusso, ufficio, chiave FROM webhook_flussi WHERE flusso = ANY($1)', [flussi]);
    return new Map(rows.map((r) => [r.flusso, { ufficio: r.ufficio, chiave: r.chiave }]));
  },

  /** Stores the routing of several streams in one statement (one entry per stream: the last known). */
  async salvaFlussi(db: SqlExecutor, flussi: ReadonlyMap<string, Instradamento>): Promise<void> {
    if (flussi.size === 0) return;
    const voci = [...flussi];
    await db.query(
      `INSERT INTO webhook_flussi (flusso, ufficio, chiave) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (flusso) DO UPDATE SET ufficio = EXCLUDED.ufficio, chiave = EXCLUDED.chiave`,
      [voci.map(([f]) => f), voci.map(([, i]) => i.ufficio), voci.map(([, i]) => i.chiave)],
    );
  },

  /** Queues deliveries; the outbox's own rows are written once per (subscription, event) whatever happens. */
  async accoda(
    db: SqlExecutor,
    righe: ReadonlyArray<{ sottoscrizioneId: string; corpo: CorpoWebhook; chiave: string; ripetizione: boolean }>,
    il: Date,
  ): Promise<number> {
    if (righe.length === 0) return 0;
    const { rowCount } = await db.query(
      `INSERT INTO webhook_consegne (sottoscrizione_id, evento_id, tipo, posizione, chiave, corpo, ripetizione, prossimo_tentativo, creata_il)
       SELECT s, e, t, p, k, c, r, $8, $8 FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::boolean[]) WITH ORDINALITY AS x(s, e, t, p, k, c, r, n)
       ORDER BY n
       ON CONFLICT (sottoscrizione_id, evento_id) WHERE NOT ripetizione DO NOTHING`,
      [
        righe.map((r) => r.sottoscrizioneId),
        righe.map((r) => r.corpo.id),
        righe.map((r) => r.corpo.tipo),
        righe.map((r) => r.corpo.posizione),
        righe.map((r) => r.chiave),
        righe.map((r) => JSON.stringify(r.corpo)),
        righe.map((r) => r.ripetizione),
        il,
      ],
    );
    return rowCount ?? 0;
  },

  /**
   * The deliveries due now: only the head of each queue (subscription, appalto or stream), so an
   * event is never sent before an older one of the same appalto has been delivered or given up.
   */
  async dovute(db: SqlExecutor, adesso: Date, limite: number): Promise<ConsegnaDaInviare[]> {
    const { rows } = await db.query<RigaConsegna & { url: string; segreto: string }>(
      `SELECT h.*, s.url, s.segreto FROM (
         SELECT DISTINCT ON (sottoscrizione_id, chiave) * FROM webhook_consegne WHERE stato = 'IN_ATTESA' ORDER BY sottoscrizione_id, chiave, id
       ) h JOIN webhook_sottoscrizioni s ON s.id = h.sottoscrizione_id
       WHERE h.prossimo_tentativo <= $1 AND s.attiva ORDER BY h.prossimo_tentativo, h.id LIMIT $2`,
      [adesso, limite],
    );
    return rows.map((r) => ({ ...consegna(r), url: r.url, segreto: r.segreto }));
  },

  /** For the metrics: deliveries pending, pending after a failed attempt, given up (dead letter). */
  async riepilogo(db: SqlExecutor): Promise<{ inAttesa: number; inErrore: number; scartate: number }> {
    const { rows } = await db.query<{ in_attesa: string; in_errore: string; scartate: string }>(
      `SELECT count(*) FILTER (WHERE stato = 'IN_ATTESA') AS in_attesa,
              count(*) FILTER (WHERE stato = 'IN_ATTESA' AND ultimo_errore IS NOT NULL) AS in_errore,
              count(*) FILTER (WHERE stato = 'SCARTATA') AS scartate
         FROM webhook_consegne WHERE stato IN ('IN_ATTESA', 'SCARTATA')`,
    );
    const r = rows[0]!;
    return { inAttesa: Number(r.in_attesa), inErrore: Number(r.in_errore), scartate: Number(r.scartate) };
  },

  /**
   * Records an attempt on its delivery, in one statement; `conclusaIl` (a successful attempt) also
   * ends the delivery as delivered, so that the attempt and the end are kept together or not at all.
   */
  async registraTentativo(db: SqlExecutor, consegnaId: string, t: Tentativo, conclusaIl?: Date): Promise<void> {
    await db.query(
      `WITH t AS (
         INSERT INTO webhook_tentativi (consegna_id, numero, il, esito, stato_http, latenza_ms, errore) VALUES ($1, $2, $4, $5, $6, $7, $3)
       )
       UPDATE webhook_consegne SET tentativi = greatest(tentativi, $2), ultimo_errore = $3,
              stato = CASE WHEN $8::timestamptz IS NOT NULL AND stato = 'IN_ATTESA' THEN 'CONSEGNATA' ELSE stato END,
              conclusa_il = CASE WHEN $8::timestamptz IS NOT NULL AND stato = 'IN_ATTESA' THEN $8 ELSE conclusa_il END
        WHERE id = $1`,
      [consegnaId, t.numero, t.errore, t.il, t.esito, t.statoHttp, t.latenzaMs, conclusaIl ?? null],
    );
  },

  async consegnata(db: SqlExecutor, id: string, il: Date): Promise<void> {
    await db.query("UPDATE webhook_consegne SET stato = 'CONSEGNATA', conclusa_il = $2 WHERE id = $1 AND stato = 'IN_ATTESA'", [id, il]);
  },

  async rimandata(db: SqlExecutor, id: string, prossimo: Date): Promise<void> {
    await db.query("UPDATE webhook_consegne SET prossimo_tentativo = $2 WHERE id = $1 AND stato = 'IN_ATTESA'", [id, prossimo]);
  },

  async scartata(db: SqlExecutor, id: string, il: Date): Promise<void> {
    await db.query("UPDATE webhook_consegne SET stato = 'SCARTATA', conclusa_il = $2 WHERE id = $1 AND stato = 'IN_ATTESA'", [id, il]);
  },

  /** The delivery log of a subscription, newest first, each delivery with its attempts. */
  async registro(db: SqlExecutor, sottoscrizioneId: string, filtro: { stato?: StatoConsegna; primaDi?: string; limite: number }) {
    const { rows } = await db.query<RigaConsegna & { stato: StatoConsegna; conclusa_il: Date | null; ultimo_errore: string | null; tentativi_json: Tentativo[] | null }>(
      `SELECT c.*, (SELECT json_agg(json_build_object('numero', t.numero, 'il', t.il, 'esito', t.esito, 'statoHttp', t.stato_http, 'latenzaMs', t.latenza_ms, 'errore', t.errore) ORDER BY t.id)
                      FROM webhook_tentativi t WHERE t.consegna_id = c.id) AS tentativi_json
         FROM webhook_consegne c
        WHERE c.sottoscrizione_id = $1 AND ($2::text IS NULL OR c.stato = $2) AND ($3::bigint IS NULL OR c.id < $3)
        ORDER BY c.id DESC LIMIT $4`,
      [sottoscrizioneId, filtro.stato ?? null, filtro.primaDi ?? null, filtro.limite],
    );
    return rows.map((r) => ({
      id: String(r.id),
      eventoId: r.evento_id,
      tipo: r.tipo,
      posizione: r.posizione,
      appaltoId: r.corpo.appaltoId,
      ripetizione: r.ripetizione,
      stato: r.stato,
      creataIl: r.creata_il.toISOString(),
      conclusaIl: r.conclusa_il?.toISOString() ?? null,
      ultimoErrore: r.ultimo_errore,
      tentativi: r.tentativi_json ?? [],
    }));
  },
};
