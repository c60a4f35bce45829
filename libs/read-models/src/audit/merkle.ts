import { createHash, hash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 ("Certificate Transparency Version 2.0", §2.1) over the audit
 * records: pure functions, no I/O. Hashes are raw 32-byte SHA-256 digests (`Buffer`); the HTTP
 * and file formats write them as lowercase hex.
 *
 *   leaf hash  = SHA-256(0x00 || bytes of the leaf)
 *   node hash  = SHA-256(0x01 || left || right)
 *   MTH({})    = SHA-256()  (the empty string)
 *
 * A tree of n leaves splits at k, the largest power of two smaller than n: the left subtree holds
 * leaves [0, k), always perfect; the right one [k, n). So every node the tree is made of is either
 * a perfect subtree aligned to its size (`livello` = log2 of its size, `indice` = its first leaf /
 * size) — the nodes a store keeps once and for all — or the root of a range ending at the tree's
 * size, which is recomputed from O(log n) perfect ones.
 */

export type Hash = Buffer;

export const sha256Buf = (...parti: Uint8Array[]): Hash => {
  const h = createHash('sha256');
  for (const p of parti) h.update(p);
  return h.digest();
};

const PREFISSO_FOGLIA = Buffer.from([0x00]);
const PREFISSO_NODO = Buffer.from([0x01]);

/** RFC 9162 §2.1.1: the hash of a leaf. */
export const hashFoglia = (dati: Uint8Array | string): Hash =>
  hash('sha256', Buffer.concat([PREFISSO_FOGLIA, typeof dati === 'string' ? Buffer.from(dati, 'utf8') : dati]), 'buffer');

/** RFC 9162 §2.1.1: the hash of an interior node (one-shot hash of the 65 bytes: the hot loop of appends and checks). */
export const hashNodo = (sinistra: Hash, destra: Hash): Hash => hash('sha256', Buffer.concat([PREFISSO_NODO, sinistra, destra], 65), 'buffer');

/** MTH of the empty tree. */
export const RADICE_VUOTA: Hash = sha256Buf();

/** The largest power of two smaller than n (n > 1). */
export function divisione(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const potenzaDiDue = (n: number): boolean => n > 0 && (n & (n - 1)) === 0 && Number.isInteger(Math.log2(n));

/**
 * Where the hashes of perfect subtrees come from: `nodo(livello, indice)` is the root of leaves
 * [indice·2^livello, (indice+1)·2^livello) — level 0 are the leaf hashes.
 */
export interface SorgenteNodi {
  nodo(livello: number, indice: number): Hash;
}

/** MTH of the leaves [inizio, fine) (RFC 9162 §2.1.1), reading perfect aligned subtrees from `s`. */
export function radiceIntervallo(s: SorgenteNodi, inizio: number, fine: number): Hash {
  const n = fine - inizio;
  if (n <= 0) return RADICE_VUOTA;
  if (potenzaDiDue(n) && inizio % n === 0) return s.nodo(Math.log2(n), inizio / n);
  const k = divisione(n);
  return hashNodo(radiceIntervallo(s, inizio, inizio + k), radiceIntervallo(s, inizio + k, fine));
}

/** MTH(D[n]): the root of the first `n` leaves. */
export const radice = (s: SorgenteNodi, n: number): Hash => radiceIntervallo(s, 0, n);

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1: the audit path of leaf `m` in the tree of the first `n` leaves, leaf-side first. */
export function percorsoInclusione(s: SorgenteNodi, m: number, n: number): Hash[] {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m >= n) throw new RangeError(`foglia ${m} fuori da un albero di ${n}`);
  return path(s, m, 0, n);
}

function path(s: SorgenteNodi, m: number, inizio: number, fine: number): Hash[] {
  const n = fine - inizio;
  if (n === 1) return [];
  const k = divisione(n);
  if (m < k) return [...path(s, m, inizio, inizio + k), radiceIntervallo(s, inizio + k, fine)];
  return [...path(s, m - k, inizio + k, fine), radiceIntervallo(s, inizio, inizio + k)];
}

/** PROOF(m, D[n]) of RFC 9162 §2.1.4.1: the consistency proof between the tree of the first `m` leaves and that of the first `n`. */
export function provaConsistenza(s: SorgenteNodi, m: number, n: number): Hash[] {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) throw new RangeError(`dimensioni ${m} e ${n} non valide`);
  if (m === 0 || m === n) return [];
  return subproof(s, m, 0, n, true);
}

function subproof(s: SorgenteNodi, m: number, inizio: number, fine: number, b: boolean): Hash[] {
  const n = fine - inizio;
  if (m === n) return b ? [] : [radiceIntervallo(s, inizio, fine)];
  const k = divisione(n);
  if (m <= k) return [...subproof(s, m, inizio, inizio + k, b), radiceIntervallo(s, inizio + k, fine)];
  return [...subproof(s, m - k, inizio + k, fine, false), radiceIntervallo(s, inizio, inizio + k)];
}

const uguali = (a: Hash, b: Hash): boolean => a.length === b.length && a.equals(b);

/** RFC 9162 §2.1.3.2: does `percorso` prove leaf `indice` (hash `foglia`) in the tree of `dimensione` leaves with root `radice`? */
export function verificaInclusione(indice: number, dimensione: number, foglia: Hash, percorso: readonly Hash[], radiceAttesa: Hash): boolean {
  if (!Number.isSafeInteger(indice) || !Number.isSafeInteger(dimensione) || indice < 0 || indice >= dimensione) return false;
  let fn = indice;
  let sn = dimensione - 1;
  let r = foglia;
  for (const p of percorso) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = hashNodo(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = hashNodo(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && uguali(r, radiceAttesa);
}

/**
 * RFC 9162 §2.1.4.2: does `prova` show that the tree of `primo` leaves (root `radicePrima`) is a
 * prefix of the tree of `secondo` leaves (root `radiceSeconda`)? Same size: the proof is empty and
 * the roots equal; an empty first tree is a prefix of every tree.
 */
export function verificaConsistenza(primo: number, secondo: number, radicePrima: Hash, radiceSeconda: Hash, prova: readonly Hash[]): boolean {
  if (!Number.isSafeInteger(primo) || !Number.isSafeInteger(secondo) || primo < 0 || primo > secondo) return false;
  if (primo === secondo) return prova.length === 0 && uguali(radicePrima, radiceSeconda);
  if (primo === 0) return prova.length === 0 && uguali(radicePrima, RADICE_VUOTA);
  if (prova.length === 0) return false;
  const percorso = potenzaDiDue(primo) ? [radicePrima, ...prova] : [...prova];
  let fn = primo - 1;
  let sn = secondo - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = percorso[0]!;
  let sr = percorso[0]!;
  for (const c of percorso.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = hashNodo(c, fr);
      sr = hashNodo(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = hashNodo(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return uguali(fr, radicePrima) && uguali(sr, radiceSeconda) && sn === 0;
}

/**
 * A whole tree in memory (level 0 = leaf hashes, each level above the parents of complete pairs):
 * exactly the perfect subtrees a persistent store keeps. For tests, exports and offline checks.
 */
export class AlberoInMemoria implements SorgenteNodi {
  private readonly livelli: Hash[][] = [[]];

  constructor(foglie: readonly Hash[] = []) {
    for (const f of foglie) this.aggiungi(f);
  }

  get dimensione(): number {
    return this.livelli[0]!.length;
  }

  /** Appends a leaf hash; returns the perfect subtrees it completes, level 0 first (what a store would insert). */
  aggiungi(foglia: Hash): Array<{ livello: number; indice: number; hash: Hash }> {
    const nuovi = [{ livello: 0, indice: this.livelli[0]!.length, hash: foglia }];
    this.livelli[0]!.push(foglia);
    let livello = 0;
    while (this.livelli[livello]!.length % 2 === 0) {
      const sotto = this.livelli[livello]!;
      const h = hashNodo(sotto[sotto.length - 2]!, sotto[sotto.length - 1]!);
      livello += 1;
      (this.livelli[livello] ??= []).push(h);
      nuovi.push({ livello, indice: this.livelli[livello]!.length - 1, hash: h });
    }
    return nuovi;
  }

  nodo(livello: number, indice: number): Hash {
    const h = this.livelli[livello]?.[indice];
    if (!h) throw new RangeError(`nodo (${livello}, ${indice}) assente`);
    return h;
  }

  radice(n = this.dimensione): Hash {
    return radice(this, n);
  }
}

/** The perfect subtrees completed by appending leaf number `indice` (0-based): (level, index) pairs, level 0 first. */
export function nodiCompletati(indice: number): Array<{ livello: number; indice: number }> {
  const nodi = [{ livello: 0, indice }];
  let i = indice;
  let livello = 0;
  while (i % 2 === 1) {
    i = Math.floor(i / 2);
    livello += 1;
    nodi.push({ livello, indice: i });
  }
  return nodi;
}

/**
 * Runs a proof computation twice: first to learn which stored nodes it reads, then with those nodes
 * fetched (one query for a database). So a proof over a stored tree costs O(log n) indexed reads.
 */
export async function conNodi<T>(
  calcolo: (s: SorgenteNodi) => T,
  carica: (chiavi: ReadonlyArray<{ livello: number; indice: number }>) => Promise<ReadonlyMap<string, Hash>>,
): Promise<T> {
  const chiavi = new Map<string, { livello: number; indice: number }>();
  const vuoto = Buffer.alloc(32);
  calcolo({
    nodo(livello, indice) {
      chiavi.set(`${livello}/${indice}`, { livello, indice });
      return vuoto;
    },
  });
  const nodi = await carica([...chiavi.values()]);
  return calcolo({
    nodo(livello, indice) {
      const h = nodi.get(`${livello}/${indice}`);
      if (!h) throw new RangeError(`nodo (${livello}, ${indice}) assente`);
      return h;
    },
  });
}

/** The perfect subtrees whose roots make up the tree of `n` leaves (its "frontier"), largest first. */
export function nodiFrontiera(n: number): Array<{ livello: number; indice: number }> {
  const nodi: Array<{ livello: number; indice: number }> = [];
  for (let livello = Math.floor(Math.log2(Math.max(n, 1))) + 1; livello >= 0; livello -= 1) {
    const quanti = Math.floor(n / 2 ** livello);
    if (quanti % 2 === 1) nodi.push({ livello, indice: quanti - 1 });
  }
  return nodi;
}

/**
 * Appends leaf hashes to a stored tree of `n` leaves, knowing only its frontier (`nodiFrontiera(n)`,
 * keyed `livello/indice`): returns every perfect subtree the new leaves complete — the rows a store
 * inserts. O(1) amortised hashes per leaf.
 */
export function aggiungiFoglie(
  n: number,
  frontiera: ReadonlyMap<string, Hash>,
  foglie: readonly Hash[],
): Array<{ livello: number; indice: number; hash: Hash }> {
  // sospesi[l]: the root of the last complete subtree of level l still waiting for its right sibling.
  const sospesi: Array<Hash | undefined> = [];
  for (const { livello, indice } of nodiFrontiera(n)) sospesi[livello] = frontiera.get(`${livello}/${indice}`);
  const nuovi: Array<{ livello: number; indice: number; hash: Hash }> = [];
  foglie.forEach((foglia, j) => {
    let indice = n + j;
    let livello = 0;
    let h = foglia;
    nuovi.push({ livello, indice, hash: h });
    while (indice % 2 === 1) {
      const sinistra = sospesi[livello];
      if (!sinistra) throw new RangeError(`nodo (${livello}, ${indice - 1}) assente dalla frontiera`);
      sospesi[livello] = undefined;
      h = hashNodo(sinistra, h);
      livello += 1;
      indice = (indice - 1) / 2;
      nuovi.push({ livello, indice, hash: h });
    }
    sospesi[livello] = h;
  });
  return nuovi;
}
