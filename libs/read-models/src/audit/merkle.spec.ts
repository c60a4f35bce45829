import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  AlberoInMemoria,
  aggiungiFoglie,
  nodiFrontiera,
  radice,
  conNodi,
  hashFoglia,
  hashNodo,
  nodiCompletati,
  percorsoInclusione,
  provaConsistenza,
  RADICE_VUOTA,
  verificaConsistenza,
  verificaInclusione,
  type Hash,
} from './merkle.js';

// An independent transcription of RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1, straight over the leaf
// data (no stored subtrees, no shared helpers): the module must give the very same answers.
const h = (...p: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(p)).digest();
const k = (n: number): number => 2 ** Math.ceil(Math.log2(n) - 1);
const MTH = (D: Buffer[]): Buffer => {
  if (D.length === 0) return h();
  if (D.length === 1) return h(Buffer.from([0]), D[0]!);
  const s = k(D.length);
  return h(Buffer.from([1]), MTH(D.slice(0, s)), MTH(D.slice(s)));
};
const PATH = (m: number, D: Buffer[]): Buffer[] => {
  if (D.length === 1) return [];
  const s = k(D.length);
  return m < s ? [...PATH(m, D.slice(0, s)), MTH(D.slice(s))] : [...PATH(m - s, D.slice(s)), MTH(D.slice(0, s))];
};
const SUBPROOF = (m: number, D: Buffer[], b: boolean): Buffer[] => {
  if (m === D.length) return b ? [] : [MTH(D)];
  const s = k(D.length);
  return m <= s ? [...SUBPROOF(m, D.slice(0, s), b), MTH(D.slice(s))] : [...SUBPROOF(m - s, D.slice(s), false), MTH(D.slice(0, s))];
};
const PROOF = (m: number, D: Buffer[]): Buffer[] => (m === 0 || m === D.length ? [] : SUBPROOF(m, D, true));

// The leaves of the RFC 6962/9162 test trees used by Certificate Transparency implementations.
const FOGLIE = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((x) => Buffer.from(x, 'hex'));
// Roots of the first n of those leaves, n = 1..8 (as published with the CT reference implementations).
const RADICI = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const albero = (dati: Buffer[]): AlberoInMemoria => new AlberoInMemoria(dati.map((d) => hashFoglia(d)));
const hex = (xs: readonly Hash[]): string[] => xs.map((x) => x.toString('hex'));
const datiFoglie = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => Buffer.from(`record ${i}`));

describe('RFC 9162 Merkle tree', () => {
  it('empty tree: SHA-256 of the empty string', () => {
    expect(RADICE_VUOTA.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(new AlberoInMemoria().radice().equals(RADICE_VUOTA)).toBe(true);
  });

  it('known answers: the roots of the CT test trees of sizes 1 to 8', () => {
    const a = new AlberoInMemoria();
    FOGLIE.forEach((f, i) => {
      a.aggiungi(hashFoglia(f));
      expect(a.radice().toString('hex')).toBe(RADICI[i]);
      expect(MTH(FOGLIE.slice(0, i + 1)).toString('hex')).toBe(RADICI[i]);
    });
  });

  it('known answers: inclusion and consistency proofs on the size-7 and size-8 test trees', () => {
    const a = albero(FOGLIE);
    // Leaf 0 in the tree of 8: leaf 1, node (2,3), node (4..7).
    expect(hex(percorsoInclusione(a, 0, 8))).toEqual([hashFoglia(FOGLIE[1]!), MTH(FOGLIE.slice(2, 4)), MTH(FOGLIE.slice(4, 8))].map((x) => x.toString('hex')));
    // Leaf 6 in the tree of 7: the right subtree [4,7) splits 4..5 | 6, so the path is MTH(4..5), MTH(0..3).
    expect(hex(percorsoInclusione(a, 6, 7))).toEqual([MTH(FOGLIE.slice(4, 6)), MTH(FOGLIE.slice(0, 4))].map((x) => x.toString('hex')));
    // RFC 9162 §2.1.5's example: PROOF(3, D[7]) = [c, d, g, l] in its figure's names.
    expect(hex(provaConsistenza(a, 3, 7))).toEqual(
      [hashFoglia(FOGLIE[2]!), hashFoglia(FOGLIE[3]!), MTH(FOGLIE.slice(0, 2)), MTH(FOGLIE.slice(4, 7))].map((x) => x.toString('hex')),
    );
    // PROOF(4, D[7]) = [l]; PROOF(6, D[7]) = [i, j, k] (i = 4..5, j = leaf 6, k = 0..3).
    expect(hex(provaConsistenza(a, 4, 7))).toEqual([MTH(FOGLIE.slice(4, 7))].map((x) => x.toString('hex')));
    expect(hex(provaConsistenza(a, 6, 7))).toEqual([MTH(FOGLIE.slice(4, 6)), hashFoglia(FOGLIE[6]!), MTH(FOGLIE.slice(0, 4))].map((x) => x.toString('hex')));
  });

  it('every size 1..40 (regular and irregular): roots, every path and every consistency proof equal the RFC definition, and verify', () => {
    const D = datiFoglie(40);
    const a = albero(D);
    for (let n = 1; n <= 40; n += 1) {
      const Dn = D.slice(0, n);
      const root = MTH(Dn);
      expect(a.radice(n).equals(root)).toBe(true);
      for (let m = 0; m < n; m += 1) {
        const p = percorsoInclusione(a, m, n);
        expect(hex(p)).toEqual(hex(PATH(m, Dn)));
        expect(verificaInclusione(m, n, hashFoglia(D[m]!), p, root)).toBe(true);
      }
      for (let m = 0; m <= n; m += 1) {
        const c = provaConsistenza(a, m, n);
        expect(hex(c)).toEqual(hex(PROOF(m, Dn)));
        expect(verificaConsistenza(m, n, MTH(D.slice(0, m)), root, c)).toBe(true);
      }
    }
  });

  it('rejects out-of-range indices and sizes', () => {
    const a = albero(datiFoglie(5));
    expect(() => percorsoInclusione(a, 5, 5)).toThrow(RangeError);
    expect(() => provaConsistenza(a, 6, 5)).toThrow(RangeError);
    expect(verificaInclusione(5, 5, hashFoglia('x'), [], a.radice())).toBe(false);
    expect(verificaConsistenza(6, 5, a.radice(), a.radice(), [])).toBe(false);
    // A non-empty proof between equal sizes, or an empty one between different sizes, is refused.
    expect(verificaConsistenza(5, 5, a.radice(), a.radice(), [a.radice()])).toBe(false);
    expect(verificaConsistenza(3, 5, a.radice(3), a.radice(), [])).toBe(false);
  });

  it('the perfect subtrees an append completes are the ones the in-memory tree adds', () => {
    const a = new AlberoInMemoria();
    for (let i = 0; i < 70; i += 1) {
      const nuovi = a.aggiungi(hashFoglia(`x${i}`));
      expect(nuovi.map(({ livello, indice }) => ({ livello, indice }))).toEqual(nodiCompletati(i));
    }
  });

  it('appending with only the frontier of the stored tree gives the same nodes as the whole tree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 70 }), (n, quanti) => {
        const tutte = datiFoglie(n + quanti).map((d) => hashFoglia(d));
        const prima = new AlberoInMemoria(tutte.slice(0, n));
        const frontiera = new Map(nodiFrontiera(n).map(({ livello, indice }) => [`${livello}/${indice}`, prima.nodo(livello, indice)]));
        // The frontier alone gives the root.
        if (n > 0) {
          const f = nodiFrontiera(n).map(({ livello, indice }) => prima.nodo(livello, indice));
          expect(f.reduceRight((destra, sinistra) => hashNodo(sinistra, destra)).equals(prima.radice())).toBe(true);
        }
        const nuovi = aggiungiFoglie(n, frontiera, tutte.slice(n));
        const intero = new AlberoInMemoria(tutte);
        const attesi = tutte.slice(n).flatMap((_, j) => nodiCompletati(n + j));
        expect(nuovi.map(({ livello, indice }) => ({ livello, indice }))).toEqual(attesi);
        for (const x of nuovi) expect(x.hash.equals(intero.nodo(x.livello, x.indice))).toBe(true);
        const memoria = new Map([...frontiera, ...nuovi.map((x) => [`${x.livello}/${x.indice}`, x.hash] as const)]);
        if (n + quanti > 0) expect(radice({ nodo: (l, i) => memoria.get(`${l}/${i}`)! }, n + quanti).equals(intero.radice())).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('conNodi: a proof computed from only the nodes it asked for equals the in-memory one', async () => {
    const a = albero(datiFoglie(37));
    const letti: number[] = [];
    const prova = await conNodi(
      (s) => percorsoInclusione(s, 20, 37),
      async (chiavi) => {
        letti.push(chiavi.length);
        return new Map(chiavi.map(({ livello, indice }) => [`${livello}/${indice}`, a.nodo(livello, indice)]));
      },
    );
    expect(hex(prova)).toEqual(hex(percorsoInclusione(a, 20, 37)));
    expect(letti).toHaveLength(1);
    expect(letti[0]).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(37)));
  });
});

describe('RFC 9162 Merkle tree: properties', () => {
  const dimensione = fc.integer({ min: 1, max: 300 });

  it('every inclusion proof verifies; changing the leaf, any sibling, the index or the root makes it fail', () => {
    fc.assert(
      fc.property(dimensione, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), (n, mi, si, bit) => {
        const D = datiFoglie(n);
        const a = albero(D);
        const m = mi % n;
        const root = a.radice();
        const leaf = hashFoglia(D[m]!);
        const p = percorsoInclusione(a, m, n);
        expect(verificaInclusione(m, n, leaf, p, root)).toBe(true);
        const flip = (x: Hash): Hash => {
          const y = Buffer.from(x);
          y[bit % 32] = y[bit % 32]! ^ (1 << bit % 8);
          return y;
        };
        expect(verificaInclusione(m, n, hashFoglia(Buffer.concat([D[m]!, Buffer.from('!')])), p, root)).toBe(false);
        expect(verificaInclusione(m, n, flip(leaf), p, root)).toBe(false);
        expect(verificaInclusione(m, n, leaf, p, flip(root))).toBe(false);
        if (p.length > 0) {
          const i = si % p.length;
          expect(verificaInclusione(m, n, leaf, p.map((x, j) => (j === i ? flip(x) : x)), root)).toBe(false);
          expect(verificaInclusione(m, n, leaf, p.slice(0, -1), root)).toBe(false);
        }
        expect(verificaInclusione(m, n, leaf, [...p, root], root)).toBe(false);
        if (n > 1) expect(verificaInclusione((m + 1) % n, n, leaf, p, root)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('consistency holds for every m ≤ n, and fails once any of the first m leaves is rewritten', () => {
    fc.assert(
      fc.property(dimensione, fc.nat(), fc.nat(), (n, mi, ri) => {
        const D = datiFoglie(n);
        const a = albero(D);
        const m = mi % (n + 1);
        const prova = provaConsistenza(a, m, n);
        expect(verificaConsistenza(m, n, a.radice(m), a.radice(), prova)).toBe(true);
        if (m === 0) return;
        // The log is rewritten after the old head was taken: leaf r < m changed, everything rehashed.
        const r = ri % m;
        const riscritto = albero(D.map((d, i) => (i === r ? Buffer.from(`riscritto ${i}`) : d)));
        const provaNuova = provaConsistenza(riscritto, m, n);
        expect(verificaConsistenza(m, n, a.radice(m), riscritto.radice(), provaNuova)).toBe(false);
        if (m < n) {
          // …and the honest proof does not fit the rewritten root either.
          expect(verificaConsistenza(m, n, a.radice(m), riscritto.radice(), prova)).toBe(false);
          expect(verificaConsistenza(m, n, a.radice(m), a.radice(), prova.slice(1))).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});
