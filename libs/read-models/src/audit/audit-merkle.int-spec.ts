import { generateKeyPairSync } from 'node:crypto';
import { ambienteDiProva, richiesta, type AmbienteDiProva } from '../testing/ambiente-di-prova.js';
import { FirmaAudit } from './audit-firma.js';
import { dimensioneAlbero, provaConsistenzaAlbero, provaInclusioneAlbero, radiceAlbero, testaFirmata } from './audit-merkle.js';
import { portachiavi, verificaTesta } from './audit-sth.js';
import { hashFogliaRecord, type RecordAudit } from './audit-record.js';
import { SELECT_RECORD } from './audit-record.js';
import { auditProjection } from './audit.projection.js';
import { AlberoInMemoria, verificaConsistenza, verificaInclusione } from './merkle.js';

/** The Merkle tree kept in PostgreSQL by the audit projection, in the records' transaction. */
describe('audit trail: Merkle tree in PostgreSQL', () => {
  let t: AmbienteDiProva;
  const firma = new FirmaAudit(generateKeyPairSync('ed25519').privateKey);
  const consumer = auditProjection({ firma, ogni: 5, sthOgni: 4 });
  let turno = 0;

  const scriviRichieste = async (quante: number) => {
    for (let i = 0; i < quante; i++, turno++) {
      await t.scrivi(richiesta({ oggetto: `Richiesta ${turno}`, creataIl: '2024-02-10T09:00:00.000Z', utilizzati: [0], attore: `utente.${turno}` }).flussi);
    }
  };
  const records = async () => (await t.db.pool.query<RecordAudit>(`SELECT ${SELECT_RECORD} FROM rm_audit ORDER BY rm_audit.seq`)).rows;
  const inMemoria = async () => new AlberoInMemoria((await records()).map(hashFogliaRecord));

  beforeAll(async () => {
    t = await ambienteDiProva();
  });
  afterAll(() => t?.close());

  it('appended batch by batch (small batches too), the stored tree is the tree of the records: same root, proofs that verify', async () => {
    await scriviRichieste(3);
    await t.proietta(consumer, { batchSize: 3 });
    const primi = await records();
    const m = primi.length;
    const radiceM = await radiceAlbero(t.db.pool, m);
    await scriviRichieste(4);
    await t.proietta(consumer, { batchSize: 7 });
    const tutti = await records();
    const n = tutti.length;
    expect(n).toBeGreaterThan(m);
    expect(await dimensioneAlbero(t.db.pool)).toBe(n);
    const a = await inMemoria();
    expect((await radiceAlbero(t.db.pool, n)).equals(a.radice())).toBe(true);
    expect(radiceM.equals(a.radice(m))).toBe(true);
    for (const r of tutti) {
      const prova = await provaInclusioneAlbero(t.db.pool, Number(r.seq), n);
      expect(verificaInclusione(Number(r.seq) - 1, n, hashFogliaRecord(r), prova, a.radice())).toBe(true);
    }
    for (let k = 1; k <= n; k++) {
      expect(verificaConsistenza(k, n, a.radice(k), a.radice(), await provaConsistenzaAlbero(t.db.pool, k, n))).toBe(true);
    }
    // A record changed in SQL no longer matches its inclusion proof.
    const cambiato = { ...tutti[2]!, motivazione: 'riscritta' };
    expect(verificaInclusione(2, n, hashFogliaRecord(cambiato), await provaInclusioneAlbero(t.db.pool, 3, n), a.radice())).toBe(false);
  });

  it('a signed tree head every AUDIT_STH_EVERY records: the root of that size, signed, verifiable with the public key', async () => {
    const a = await inMemoria();
    const { rows } = await t.db.pool.query<{ dimensione: string }>('SELECT dimensione::text AS dimensione FROM rm_audit_sth ORDER BY rm_audit_sth.dimensione');
    const attese = Array.from({ length: Math.floor(a.dimensione / 4) }, (_, i) => String(4 * (i + 1)));
    expect(attese.length).toBeGreaterThan(1);
    expect(rows.map((r) => r.dimensione)).toEqual(attese);
    const chiavi = portachiavi([firma.chiavePubblicaPem]);
    for (const d of attese) {
      const testa = (await testaFirmata(t.db.pool, Number(d)))!;
      expect(testa.radice).toBe(a.radice(Number(d)).toString('hex'));
      expect(testa.chiave).toBe(firma.chiave);
      expect(testa.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(verificaTesta(testa, chiavi)).toBe('VALIDA');
    }
    expect((await testaFirmata(t.db.pool))!.dimensione).toBe(attese.at(-1));
    expect(await testaFirmata(t.db.pool, 3)).toBeUndefined();
  });

  it('a proof of a size the tree does not have yet is refused', async () => {
    const n = await dimensioneAlbero(t.db.pool);
    await expect(radiceAlbero(t.db.pool, n + 1)).rejects.toThrow(RangeError);
    await expect(provaInclusioneAlbero(t.db.pool, n + 1, n)).rejects.toThrow(RangeError);
    await expect(provaConsistenzaAlbero(t.db.pool, 2, n + 1)).rejects.toThrow(RangeError);
  });

  it('a trail recorded before the tree existed gets its tree on the next batch', async () => {
    await t.db.pool.query('TRUNCATE rm_audit_merkle');
    await scriviRichieste(1);
    await t.proietta(consumer);
    const a = await inMemoria();
    expect(await dimensioneAlbero(t.db.pool)).toBe(a.dimensione);
    expect((await radiceAlbero(t.db.pool, a.dimensione)).equals(a.radice())).toBe(true);
  });

  it('records deleted from the end of the trail: the projection stops instead of forgetting them', async () => {
    const n = await dimensioneAlbero(t.db.pool);
    await t.db.pool.query('DELETE FROM rm_audit WHERE seq = $1', [n]);
    await scriviRichieste(1);
    await expect(t.proietta(consumer)).rejects.toThrow(/record eliminati/);
  });
});
