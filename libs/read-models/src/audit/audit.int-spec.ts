import { generateKeyPairSync } from 'node:crypto';
import { ambienteDiProva, richiesta, type AmbienteDiProva } from '../testing/ambiente-di-prova.js';
import { esportaAudit } from './audit-export.js';
import { verificaExport } from './audit-export-verifica.js';
import { FirmaAudit } from './audit-firma.js';
import { hashRecord, type RecordAudit } from './audit-record.js';
import { verificaAudit } from './audit-verifica.js';
import { SELECT_RECORD } from './audit-record.js';
import { auditProjection } from './audit.projection.js';

/**
 * The audit trail's hash chain against tampering done directly in SQL: the verification must
 * name the first altered, inserted, deleted or moved record, by sequence number and event id.
 */
describe('audit trail: hash chain, signed checkpoints, tampering', () => {
  let t: AmbienteDiProva;
  const firma = new FirmaAudit(generateKeyPairSync('ed25519').privateKey);
  const consumer = auditProjection({ firma, ogni: 5 });
  let eventi: Array<{ id: string; type: string }> = [];
  const chiave = { chiavePubblicaPem: firma.chiavePubblicaPem };

  beforeAll(async () => {
    t = await ambienteDiProva();
    for (let i = 0; i < 6; i++) {
      await t.scrivi(richiesta({
        oggetto: `Richiesta ${i}`, creataIl: `2024-0${1 + i}-10T09:00:00.000Z`, inviataIl: `2024-0${1 + i}-11T09:00:00.000Z`,
        confermataIl: i % 2 ? `2024-0${1 + i}-12T09:00:00.000Z` : undefined, utilizzati: [0], motivazione: `motivo ${i}`, attore: `utente.${i}`,
      }).flussi);
    }
    eventi = (await t.eventi()).map((e) => ({ id: e.id, type: e.type }));
  });
  afterAll(() => t?.close());

  /** A fresh, intact trail before each case. */
  beforeEach(async () => {
    await t.db.pool.query('TRUNCATE rm_audit, rm_audit_checkpoint, rm_audit_cig, rm_audit_merkle, rm_audit_sth');
    await t.checkpoints.reset('audit');
    await t.proietta(consumer);
  });

  const sql = (testo: string, valori: unknown[] = []) => t.db.pool.query(testo, valori);
  const record = async (seq: number) => (await sql(`SELECT ${SELECT_RECORD} FROM rm_audit WHERE seq = $1`, [seq])).rows[0] as RecordAudit;
  const verifica = () => verificaAudit(t.db.pool, t.store, chiave);
  const esporta = async () => {
    const righe: string[] = [];
    for await (const r of esportaAudit(t.db.pool, firma, {}, new Date('2026-11-25T10:00:00Z'))) righe.push(r.trimEnd());
    return righe;
  };
  async function* linee(righe: readonly string[]) {
    yield* righe;
  }

  it('an intact trail verifies: every event recorded once, in order, with its actor, times and motivation', async () => {
    const esito = await verifica();
    expect(esito).toMatchObject({ integra: true, recordVerificati: eventi.length, checkpointVerificati: Math.floor(eventi.length / 5), problema: null });
    const r = await record(1);
    expect(r).toMatchObject({ seq: '1', eventId: eventi[0].id, tipo: 'AppaltoCreato', attore: 'utente.0', ruolo: 'BUYER', ufficio: 'UFF-A', motivazione: 'motivo 0', effettivoIl: '2024-01-10T09:00:00.000Z' });
    expect(r.hashPrecedente).toBe('0'.repeat(64));
    expect((await record(2)).hashPrecedente).toBe(r.hash);
  });

  it('a field changed in SQL: ALTERATO, at that record', async () => {
    await sql("UPDATE rm_audit SET motivazione = 'nessun motivo' WHERE seq = 9");
    expect((await verifica()).problema).toMatchObject({ tipo: 'ALTERATO', seq: '9', eventId: eventi[8].id });
  });

  it('a row deleted: ELIMINATO, naming the missing sequence number and its event', async () => {
    await sql('DELETE FROM rm_audit WHERE seq = 7');
    expect((await verifica()).problema).toMatchObject({ tipo: 'ELIMINATO', seq: '7', eventId: eventi[6].id });
  });

  it('the last row deleted: ELIMINATO as well (the projection says it recorded that event)', async () => {
    await sql('DELETE FROM rm_audit WHERE seq = $1', [eventi.length]);
    expect((await verifica()).problema).toMatchObject({ tipo: 'ELIMINATO', seq: String(eventi.length), eventId: eventi.at(-1)!.id });
  });

  it('a forged row inserted, the following ones renumbered, the chain recomputed: INSERITO, at the forged row', async () => {
    await sql('UPDATE rm_audit SET seq = -seq WHERE seq >= 5');
    await sql('UPDATE rm_audit SET seq = -seq + 1 WHERE seq < 0');
    const prima = await record(4);
    const falso = { ...prima, seq: '5', eventId: '11111111-2222-4333-8444-555555555555', revisione: '99', motivazione: 'inventato', hashPrecedente: prima.hash };
    const hash = hashRecord(falso);
    await sql(
      `INSERT INTO rm_audit (seq, event_id, posizione, stream_id, revisione, tipo, appalto_id, cig, attore, ruolo, ufficio, codice_fiscale, effettivo_il, registrato_il,
         motivazione, correlation_id, causation_id, idempotency_key, dati_hash, hash_precedente, hash)
       SELECT 5, $1, posizione, stream_id, 99, tipo, appalto_id, cig, attore, ruolo, ufficio, codice_fiscale, effettivo_il, registrato_il,
         'inventato', correlation_id, causation_id, idempotency_key, dati_hash, $2, $3 FROM rm_audit WHERE seq = 4`,
      [falso.eventId, prima.hash, hash],
    );
    expect((await verifica()).problema).toMatchObject({ tipo: 'INSERITO', seq: '5', eventId: falso.eventId });
  });

  it('a forged row appended at the end with a valid link: INSERITO (no event behind it)', async () => {
    const ultimo = await record(eventi.length);
    const falso = { ...ultimo, seq: String(eventi.length + 1), eventId: '11111111-2222-4333-8444-666666666666', hashPrecedente: ultimo.hash };
    await sql(
      `INSERT INTO rm_audit SELECT $1, $2, posizione || 'x', stream_id, revisione + 1, tipo, appalto_id, cig, attore, ruolo, ufficio, codice_fiscale,
         effettivo_il, registrato_il, motivazione, correlation_id, causation_id, idempotency_key, dati_hash, $3, $4 FROM rm_audit WHERE seq = $5`,
      [falso.seq, falso.eventId, ultimo.hash, hashRecord({ ...falso, posizione: `${ultimo.posizione}x`, revisione: String(Number(ultimo.revisione) + 1) }), eventi.length],
    );
    expect((await verifica()).problema).toMatchObject({ tipo: 'INSERITO', seq: String(eventi.length + 1), eventId: falso.eventId });
  });

  it('two rows swapped: RIORDINATO, at the first of them', async () => {
    await sql('UPDATE rm_audit SET seq = -3 WHERE seq = 3');
    await sql('UPDATE rm_audit SET seq = 3 WHERE seq = 4');
    await sql('UPDATE rm_audit SET seq = 4 WHERE seq = -3');
    expect((await verifica()).problema).toMatchObject({ tipo: 'RIORDINATO', seq: '3', eventId: eventi[3].id });
  });

  it('two rows swapped further apart: RIORDINATO as well, at the first of them, not ELIMINATO', async () => {
    await sql('UPDATE rm_audit SET seq = -3 WHERE seq = 3');
    await sql('UPDATE rm_audit SET seq = 3 WHERE seq = 6');
    await sql('UPDATE rm_audit SET seq = 6 WHERE seq = -3');
    expect((await verifica()).problema).toMatchObject({ tipo: 'RIORDINATO', seq: '3', eventId: eventi[5].id });
  });

  it('the event itself changed in the event store: the record no longer matches it', async () => {
    await sql("UPDATE es_events SET data = jsonb_set(data, '{datiGara,oggetto}', '\"Oggetto cambiato\"') WHERE event_id = $1", [eventi[0].id]);
    try {
      expect((await verifica()).problema).toMatchObject({ tipo: 'ALTERATO', seq: '1', eventId: eventi[0].id, dettaglio: expect.stringContaining('datiHash') });
    } finally {
      await sql("UPDATE es_events SET data = jsonb_set(data, '{datiGara,oggetto}', '\"Richiesta 0\"') WHERE event_id = $1", [eventi[0].id]);
    }
  });

  it('an exported trail verifies offline with the public key alone', async () => {
    const righe = await esporta();
    expect(JSON.parse(righe[0])).toMatchObject({ riga: 'intestazione', formato: 'cig-ledger-audit/1', chiave: firma.chiave });
    expect(JSON.parse(righe.at(-2)!)).toMatchObject({ riga: 'checkpoint', finale: true, seq: String(eventi.length) });
    expect(await verificaExport(linee(righe), firma.chiavePubblicaPem)).toMatchObject({ integra: true, recordVerificati: eventi.length });
    const altra = new FirmaAudit(generateKeyPairSync('ed25519').privateKey);
    expect((await verificaExport(linee(righe), altra.chiavePubblicaPem)).problema).toMatchObject({ tipo: 'FIRMA_NON_VALIDA' });
  });

  it('an export edited after the fact fails offline, at the right record', async () => {
    const righe = await esporta();
    const indice = righe.findIndex((r) => r.includes('"seq":"6"') && r.includes('"riga":"record"'));
    const modificata = righe.map((r, i) => (i === indice ? r.replace(/"motivazione":(null|"[^"]*")/, '"motivazione":"cambiata"') : r));
    expect((await verificaExport(linee(modificata), firma.chiavePubblicaPem)).problema).toMatchObject({ tipo: 'ALTERATO', seq: '6' });
    const senza = righe.filter((_, i) => i !== indice);
    expect((await verificaExport(linee(senza), firma.chiavePubblicaPem)).problema).toMatchObject({ tipo: 'ELIMINATO', seq: '6' });
    expect((await verificaExport(linee(righe.slice(0, -3)), firma.chiavePubblicaPem)).integra).toBe(false);
  });

  it('a chain rewritten in SQL by someone who knows the algorithm: the signed checkpoints expose it', async () => {
    await sql("UPDATE rm_audit SET motivazione = 'riscritto' WHERE seq = 2");
    let precedente = (await record(1)).hash;
    for (let seq = 2; seq <= eventi.length; seq++) {
      const r = { ...(await record(seq)), hashPrecedente: precedente };
      precedente = hashRecord(r);
      await sql('UPDATE rm_audit SET hash_precedente = $2, hash = $3 WHERE seq = $1', [seq, r.hashPrecedente, precedente]);
    }
    expect((await verifica()).problema).toMatchObject({ tipo: 'ALTERATO', seq: '2', dettaglio: expect.stringContaining('motivazione') });
    const righe = await esporta();
    expect((await verificaExport(linee(righe), firma.chiavePubblicaPem)).problema).toMatchObject({ tipo: 'CHECKPOINT_NON_CORRISPONDE', seq: '5' });
  });
});

describe('audit verification while the projection goes on', () => {
  let t: AmbienteDiProva;
  const firma = new FirmaAudit(generateKeyPairSync('ed25519').privateKey);
  const consumer = auditProjection({ firma, ogni: 5 });
  beforeAll(async () => {
    t = await ambienteDiProva();
  });
  afterAll(() => t?.close());

  it('records the projection commits once the verification has started are not taken for inserted ones', async () => {
    await t.scrivi(richiesta({ oggetto: 'Prima', creataIl: '2024-01-10T09:00:00.000Z', utilizzati: [], attore: 'utente.1' }).flussi);
    await t.proietta(consumer);
    // More events, projected as soon as the verification has read where the projection was.
    await t.scrivi(richiesta({ oggetto: 'Dopo', creataIl: '2024-02-10T09:00:00.000Z', utilizzati: [], attore: 'utente.2' }).flussi);
    let proiettato = false;
    const db = {
      query: async (...argomenti: Parameters<typeof t.db.pool.query>) => {
        const risposta = await (t.db.pool.query as (...a: unknown[]) => Promise<unknown>)(...argomenti);
        if (!proiettato) {
          proiettato = true;
          await t.proietta(consumer);
        }
        return risposta;
      },
    } as unknown as typeof t.db.pool;
    const esito = await verificaAudit(db, t.store, { chiavePubblicaPem: firma.chiavePubblicaPem });
    expect(proiettato).toBe(true);
    expect(esito).toMatchObject({ integra: true, problema: null });
    const { rows } = await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM rm_audit');
    // The later records are there, and the verification covered only those before them.
    expect(esito.recordVerificati).toBeLessThan(rows[0].n);
  });
});
