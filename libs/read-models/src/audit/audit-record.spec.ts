import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { hashFogliaRecord, hashRecord, HASH_INIZIALE, jsonCanonico, sigilla, sigillaConFoglia, type ContenutoAudit } from './audit-record.js';
import { VerificaCatena } from './audit-catena.js';

const contenuto = (seq: number): Omit<ContenutoAudit, 'hashPrecedente'> => ({
  seq: String(seq), eventId: `00000000-0000-4000-8000-00000000000${seq}`, posizione: `00000000000000000001/0000000000000000000${seq}`, streamId: 'appalto-x',
  revisione: String(seq - 1), tipo: 'AppaltoModificato', appaltoId: 'x', cig: null, attore: 'u', ruolo: 'BUYER', ufficio: 'UFF', codiceFiscale: null,
  effettivoIl: '2024-01-01T00:00:00.000Z', registratoIl: '2024-01-01T00:00:00.000Z', motivazione: null, correlationId: null, causationId: null,
  idempotencyKey: null, datiHash: 'ab',
});

describe('audit records', () => {
  it('canonical JSON: sorted keys, no spaces, same bytes whatever the input order', () => {
    expect(jsonCanonico({ b: 1, a: [true, null, 'è'], c: { z: 'x', y: undefined } })).toBe('{"a":[true,null,"è"],"b":1,"c":{"z":"x"}}');
    expect(jsonCanonico({ a: { y: 1, x: 2 } })).toBe(jsonCanonico({ a: { x: 2, y: 1 } }));
  });

  it('each record hashes its content and the previous hash: the chain verifies, a change anywhere does not', () => {
    const r1 = sigilla(contenuto(1), HASH_INIZIALE);
    const r2 = sigilla(contenuto(2), r1.hash);
    const r3 = sigilla(contenuto(3), r2.hash);
    expect(hashRecord(r2)).toBe(r2.hash);
    const v = new VerificaCatena(undefined);
    expect([r1, r2, r3].map((r) => v.verifica(r))).toEqual([undefined, undefined, undefined]);
    expect(new VerificaCatena(undefined).verifica({ ...r1, motivazione: 'x' })).toMatchObject({ tipo: 'ALTERATO', seq: '1' });
    const w = new VerificaCatena(undefined);
    w.verifica(r1);
    expect(w.verifica(r3)).toMatchObject({ tipo: 'ELIMINATO', seq: '2' });
  });

  it('the Merkle leaf of a record: SHA-256 of 0x00 and the canonical JSON of the whole record; any change changes it', () => {
    const r1 = sigilla(contenuto(1), HASH_INIZIALE);
    const atteso = createHash('sha256').update(Buffer.concat([Buffer.from([0]), Buffer.from(jsonCanonico(r1), 'utf8')])).digest('hex');
    expect(hashFogliaRecord(r1).toString('hex')).toBe(atteso);
    expect(hashFogliaRecord({ ...r1, motivazione: 'x' }).toString('hex')).not.toBe(atteso);
    expect(hashFogliaRecord({ ...r1, hashPrecedente: '1'.repeat(64) }).toString('hex')).not.toBe(atteso);
  });

  it('sealing a record with its leaf (the projection) gives the record of sigilla and the leaf of hashFogliaRecord, whatever its texts', () => {
    const testo = fc.option(fc.string({ unit: 'binary' }), { nil: null });
    fc.assert(
      fc.property(testo, testo, testo, fc.string({ unit: 'binary' }), (motivazione, attore, cig, tipo) => {
        const c = { ...contenuto(7), motivazione, attore, cig, tipo };
        const { record, foglia } = sigillaConFoglia(c, 'f'.repeat(64));
        expect(record).toEqual(sigilla(c, 'f'.repeat(64)));
        expect(foglia().toString('hex')).toBe(hashFogliaRecord(record).toString('hex'));
      }),
      { numRuns: 300 },
    );
  });
});
