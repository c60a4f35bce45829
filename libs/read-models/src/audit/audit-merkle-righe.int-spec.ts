import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import type { EventData } from '#event-store';
import { AuditMerkleSenzaFoglie1732601300600 } from '../migrations/1732601300600-audit-merkle-senza-foglie.js';
import { ambienteDiProva, type AmbienteDiProva } from '../testing/ambiente-di-prova.js';
import { FirmaAudit } from './audit-firma.js';
import { dimensioneAlbero, documentoInclusione, LIVELLO_SALVATO, provaConsistenzaAlbero, provaInclusioneAlbero, radiceAlbero } from './audit-merkle.js';
import { verificaDocumentoInclusione } from './audit-prove.js';
import { hashFogliaRecord, SELECT_RECORD, type RecordAudit } from './audit-record.js';
import { portachiavi } from './audit-sth.js';
import { auditProjection } from './audit.projection.js';
import { AlberoInMemoria, percorsoInclusione, verificaConsistenza, verificaInclusione } from './merkle.js';

/** What `rm_audit_merkle` holds (subtrees of 16 leaves or more, the last leaf: the size) and that proofs read nothing else. */
describe('audit trail: the rows of the Merkle tree', () => {
  let t: AmbienteDiProva;
  const firma = new FirmaAudit(generateKeyPairSync('ed25519').privateKey);
  const consumer = auditProjection({ firma, ogni: 1000, sthOgni: 25 });
  let turno = 0;

  const scriviEventi = async (quanti: number) => {
    for (let fatti = 0; fatti < quanti; fatti += 10) {
      const eventi: EventData[] = Array.from({ length: Math.min(10, quanti - fatti) }, () => {
        const il = new Date(Date.parse('2024-03-05T09:00:00.000Z') + 1000 * turno++).toISOString();
        return { id: randomUUID(), type: 'AppaltoModificato', data: { oggetto: `Fornitura ${turno}` }, metadata: { actor: { userId: 'u' }, effectiveAt: il, recordedAt: il } };
      });
      await t.scrivi([{ streamId: `appalto-${randomUUID()}`, eventi }]);
    }
  };
  const records = async () => (await t.db.pool.query<RecordAudit>(`SELECT ${SELECT_RECORD} FROM rm_audit ORDER BY rm_audit.seq`)).rows;
  const righe = async () =>
    (await t.db.pool.query<{ livello: number; indice: string; hash: Buffer }>('SELECT livello, indice::text AS indice, hash FROM rm_audit_merkle ORDER BY rm_audit_merkle.livello, rm_audit_merkle.indice')).rows.map((r) => ({
      livello: r.livello,
      indice: Number(r.indice),
      hash: r.hash,
    }));

  /** Every root, inclusion and consistency proof the stored tree gives is the in-memory tree's. */
  const comeInMemoria = async (a: AlberoInMemoria) => {
    const n = a.dimensione;
    expect(await dimensioneAlbero(t.db.pool)).toBe(n);
    for (let k = 1; k <= n; k++) {
      expect((await radiceAlbero(t.db.pool, k)).equals(a.radice(k))).toBe(true);
      expect(verificaConsistenza(k, n, a.radice(k), a.radice(), await provaConsistenzaAlbero(t.db.pool, k, n))).toBe(true);
    }
    for (const m of [n, n - 1, 17, 16, 1].filter((x) => x >= 1 && x <= n)) {
      for (let s = 1; s <= m; s++) {
        const prova = await provaInclusioneAlbero(t.db.pool, s, m);
        expect(prova.map((h) => h.toString('hex'))).toEqual(percorsoInclusione(a, s - 1, m).map((h) => h.toString('hex')));
        expect(verificaInclusione(s - 1, m, a.nodo(0, s - 1), prova, a.radice(m))).toBe(true);
      }
    }
  };

  beforeAll(async () => {
    t = await ambienteDiProva();
  });
  afterAll(() => t?.close());

  it('appends store the subtrees of 16 leaves or more and their last leaf only; roots and proofs are the whole tree’s', async () => {
    await scriviEventi(141);
    await t.proietta(consumer, { batchSize: 37 });
    await scriviEventi(30);
    await t.proietta(consumer, { batchSize: 13 });
    const a = new AlberoInMemoria((await records()).map(hashFogliaRecord));
    const n = a.dimensione;
    expect(n).toBe(171);
    const stored = await righe();
    for (const r of stored) expect(r.hash.equals(a.nodo(r.livello, r.indice))).toBe(true);
    // Level 0: the last leaf only (the size; batches of 37 then 13 leave no other), nothing between 1 and LIVELLO_SALVATO − 1.
    expect(stored.filter((r) => r.livello === 0).map((r) => r.indice + 1)).toEqual([171]);
    expect(stored.filter((r) => r.livello > 0 && r.livello < LIVELLO_SALVATO)).toEqual([]);
    const attesi = [4, 5, 6, 7].reduce((somma, l) => somma + Math.floor(n / 2 ** l), 0);
    expect(stored.filter((r) => r.livello >= LIVELLO_SALVATO)).toHaveLength(attesi);
    await comeInMemoria(a);
    // The heads (every 25) were signed on the roots of the whole tree, computed in the batches' memory.
    const { rows: teste } = await t.db.pool.query<{ dimensione: string; radice: string }>('SELECT dimensione::text AS dimensione, radice FROM rm_audit_sth ORDER BY rm_audit_sth.dimensione');
    expect(teste.map((x) => Number(x.dimensione))).toEqual([25, 50, 75, 100, 125, 150]);
    for (const x of teste) expect(x.radice).toBe(a.radice(Number(x.dimensione)).toString('hex'));
    // An inclusion document of many records (a CIG's history) verifies offline.
    const doc = await documentoInclusione(t.db.pool, { seq: [1, 2, 16, 17, 33, 99, 150] });
    expect(verificaDocumentoInclusione(doc, portachiavi([firma.chiavePubblicaPem]))).toMatchObject({ valida: true, verificati: 7 });
  });

  it('a tree stored with every node (before the migration) keeps its roots and proofs after it, and grows on', async () => {
    const a = new AlberoInMemoria((await records()).map(hashFogliaRecord));
    await t.db.pool.query('TRUNCATE rm_audit_merkle');
    const tutti = new AlberoInMemoria();
    const nodi = (await records()).flatMap((r) => tutti.aggiungi(hashFogliaRecord(r)));
    await t.db.pool.query('INSERT INTO rm_audit_merkle (livello, indice, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])', [
      nodi.map((x) => x.livello),
      nodi.map((x) => x.indice),
      nodi.map((x) => x.hash),
    ]);
    const eseguiSql = { query: (sql: string) => t.db.pool.query(sql) } as unknown as QueryRunner;
    await new AuditMerkleSenzaFoglie1732601300600().up(eseguiSql);
    const stored = await righe();
    expect(stored.filter((r) => r.livello < LIVELLO_SALVATO)).toEqual([{ livello: 0, indice: a.dimensione - 1, hash: a.nodo(0, a.dimensione - 1) }]);
    expect(stored.length).toBeLessThan(nodi.length / 6);
    await comeInMemoria(a);
    await scriviEventi(20);
    await t.proietta(consumer, { batchSize: 7 });
    await comeInMemoria(new AlberoInMemoria((await records()).map(hashFogliaRecord)));
  });
});
