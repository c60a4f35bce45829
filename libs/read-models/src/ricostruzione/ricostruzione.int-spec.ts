import { generateKeyPairSync } from 'node:crypto';
import { ConsumerRunner, type Consumer, type Position } from '#event-store';
import { FirmaAudit } from '../audit/audit-firma.js';
import { proiezioneAudit, proiezioneListing, proiezioneTrasmissioni } from '../catalogo.js';
import { ambienteDiProva, richiesta, type AmbienteDiProva, type Flusso } from '../testing/ambiente-di-prova.js';
import { ricostruisci, type ProiezioneRicostruibile } from './ricostruzione.js';
import { creaOmbre } from './tabelle-ombra.js';

const firma = new FirmaAudit(generateKeyPairSync('ed25519').privateKey);
const audit = proiezioneAudit({ firma, ogni: 5, sthOgni: 5 });

/** Requests in every state, each with a few lots, over two offices. */
function richieste(n: number, da = 0): Flusso[] {
  return Array.from({ length: n }, (_, i) => {
    const k = da + i;
    const giorno = (d: number) => new Date(Date.UTC(2024, 0, 1 + (k % 300) + d, 9 + (k % 8))).toISOString();
    const stato = k % 5;
    return richiesta({
      oggetto: `Richiesta ${k} - ${['pulizia', 'cancelleria', 'vigilanza', 'manutenzione', 'mensa'][k % 5]}`,
      ufficio: k % 3 === 0 ? 'UFF-B' : 'UFF-A',
      tipo: k % 2 ? 'APERTA' : 'AFFIDAMENTO_DIRETTO',
      lotti: Array.from({ length: 1 + (k % 3) }, (_, l) => `${1000 + k * 10 + l}.${String(k % 100).padStart(2, '0')}`),
      creataIl: giorno(0),
      inviataIl: stato >= 1 ? giorno(1) : undefined,
      confermataIl: stato >= 2 ? giorno(2) : undefined,
      pubblicataIl: stato === 3 && k % 2 ? giorno(5) : undefined,
      cancellataIl: stato === 4 ? giorno(3) : undefined,
      utilizzati: stato === 3 ? [0] : [],
      motivazione: k % 4 === 0 ? `motivo ${k}` : undefined,
    }).flussi;
  }).flat();
}

async function righe(t: AmbienteDiProva, schema: string, tabella: string): Promise<unknown[]> {
  // Totals that went back to zero stay as rows with n = 0 in a live table; a fresh count has none.
  const zeri = tabella === 'rm_cig_listing_conteggi' ? 'WHERE n <> 0' : '';
  const { rows } = await t.db.pool.query(`SELECT to_jsonb(x) AS r FROM ${schema}.${tabella} x ${zeri} ORDER BY to_jsonb(x)::text`);
  return rows.map((r: { r: unknown }) => r.r);
}

/** Replays `p` from position 0 into a fresh schema (as a rebuild does, without the swap). */
async function riproduciIn(t: AmbienteDiProva, p: ProiezioneRicostruibile, schema: string, batchSize: number): Promise<void> {
  const client = await t.db.pool.connect();
  try {
    await creaOmbre(client, schema, p.tabelle, []);
  } finally {
    client.release();
  }
  await t.checkpoints.reset(`${schema}-${p.consumer.name}`);
  await t.proietta(p.consumer, { schema, batchSize, nome: `${schema}-${p.consumer.name}` });
  await p.completa?.(t.db.pool, schema);
}

describe('projections: replay and rebuild', () => {
  let t: AmbienteDiProva;
  beforeAll(async () => {
    t = await ambienteDiProva();
    await t.scrivi(richieste(60));
  });
  afterAll(() => t?.close());

  it.each([
    ['listing', proiezioneListing],
    ['trasmissioni', proiezioneTrasmissioni],
    ['audit', audit],
  ] as const)('replaying %s twice gives identical rows, whatever the batch size', async (_nome, p) => {
    await riproduciIn(t, p, 'replica_a', 500);
    await riproduciIn(t, p, 'replica_b', 1);
    for (const tabella of p.tabelle) {
      const a = await righe(t, 'replica_a', tabella);
      expect([tabella, a.length > 0]).toEqual([tabella, true]);
      expect(await righe(t, 'replica_b', tabella)).toEqual(a);
    }
  });

  it('a rebuild under write load loses nothing: after the swap the live tables equal a fresh replay', async () => {
    const errori: unknown[] = [];
    const runner = new ConsumerRunner(t.store, t.db.pool, t.checkpoints, proiezioneListing.consumer as Consumer, { retryDelayMs: 20, onError: (_n, e) => errori.push(e) });
    runner.start();
    let scrivi = true;
    let scritte = 60;
    let ultima: Position | undefined;
    const scrittore = (async () => {
      while (scrivi) {
        for (const f of richieste(2, scritte)) ultima = (await t.store.appendToStream(f.streamId, f.eventi)).position;
        scritte += 2;
      }
    })();
    let letture = 0;
    const lettore = (async () => {
      while (scrivi) {
        await t.db.pool.query('SELECT count(*) FROM rm_cig_listing WHERE oggetto_norm LIKE $1', ['%pulizia%']);
        letture += 1;
      }
    })();
    const fasi: string[] = [];
    let scritteAlloScambio = 0;
    const esito = await ricostruisci(proiezioneListing, {
      pool: t.db.pool, store: t.store, checkpoints: t.checkpoints, batchSize: 40,
      progresso: (s) => {
        if (s.fase === 'scambio') scritteAlloScambio = scritte;
        if (fasi.at(-1) !== s.fase) fasi.push(s.fase);
      },
    });
    expect(esito.fase).toBe('completata');
    expect(fasi).toEqual(['preparazione', 'riproduzione', 'indici', 'allineamento', 'scambio', 'completata']);
    await new Promise((r) => setTimeout(r, 300));
    scrivi = false;
    await Promise.all([scrittore, lettore]);
    expect(letture).toBeGreaterThan(0);
    expect(await runner.waitFor(ultima!, 20_000)).toBe(true);
    await runner.stop();
    expect(scritteAlloScambio).toBeGreaterThan(60);
    expect(scritte).toBeGreaterThan(scritteAlloScambio);
    // The live runner found its checkpoint moved by the swap and resumed from there.
    expect(errori.every((e) => (e as { code?: string }).code === 'CHECKPOINT_CONFLICT')).toBe(true);

    await riproduciIn(t, proiezioneListing, 'verifica', 500);
    for (const tabella of proiezioneListing.tabelle) expect(await righe(t, 'public', tabella)).toEqual(await righe(t, 'verifica', tabella));
    const lotti = await t.db.pool.query<{ n: string }>("SELECT count(*) AS n FROM es_events WHERE event_type = 'LottoAggiunto'");
    expect(Number((await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM rm_cig_listing')).rows[0].n)).toBe(Number(lotti.rows[0].n));
    const indici = await t.db.pool.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'rm_cig_listing' ORDER BY 1");
    expect(indici.rows.map((r) => r.indexname)).toEqual(expect.arrayContaining(['rm_cig_listing_pkey', 'rm_cig_listing_cig', 'rm_cig_listing_valore', 'rm_cig_listing_creazione']));
    const schemi = await t.db.pool.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rm_ombra_%' OR nspname LIKE 'rm_ritirate_%'");
    expect(schemi.rows).toEqual([]);
  });

  it('one rebuild per projection at a time', async () => {
    const lock = await t.db.pool.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1, hashtext($2))', [0x5242, 'trasmissioni']);
      await expect(ricostruisci(proiezioneTrasmissioni, { pool: t.db.pool, store: t.store, checkpoints: t.checkpoints })).rejects.toMatchObject({ code: 'RICOSTRUZIONE_IN_CORSO' });
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1, hashtext($2))', [0x5242, 'trasmissioni']);
      lock.release();
    }
  });
});
