import type { KeyObject } from 'node:crypto';
import { hashFogliaRecord, hashRecord, type RecordAudit } from './audit-record.js';
import { verificaTesta, type TestaFirmata } from './audit-sth.js';
import { verificaConsistenza, verificaInclusione } from './merkle.js';

/**
 * The proofs the service hands out (GET /audit/inclusione, GET /audit/consistenza, GET /cig/:cig/storia?prove=true)
 * and their offline check with only the public keys: pure functions, no I/O. docs/audit.md, "Proofs".
 */

export const FORMATO_INCLUSIONE = 'cig-ledger/audit-inclusione/v1';
export const FORMATO_CONSISTENZA = 'cig-ledger/audit-consistenza/v1';

/** One record and its audit path (hex hashes, leaf side first) in the tree of the head. */
export interface ProvaRecord {
  readonly record: RecordAudit;
  /** Leaf index: seq − 1. */
  readonly indice: number;
  readonly prova: readonly string[];
}

export interface DocumentoInclusione {
  readonly formato: typeof FORMATO_INCLUSIONE;
  readonly testa: TestaFirmata;
  readonly prove: readonly ProvaRecord[];
}

export interface DocumentoConsistenza {
  readonly formato: typeof FORMATO_CONSISTENZA;
  /** Size of the earlier tree (the head the officer or witness kept). */
  readonly da: number;
  /** The later signed head. */
  readonly testa: TestaFirmata;
  /** The service's head of size `da`, when it signed one (the verifier compares it with its own copy). */
  readonly testaDa?: TestaFirmata | null;
  readonly prova: readonly string[];
}

const esadecimale = (h: string): Buffer | undefined => (/^[0-9a-f]{64}$/.test(h) ? Buffer.from(h, 'hex') : undefined);
const hashValidi = (l: unknown): Buffer[] | undefined => {
  if (!Array.isArray(l)) return undefined;
  const out = l.map((x) => (typeof x === 'string' ? esadecimale(x) : undefined));
  return out.every((x): x is Buffer => x !== undefined) ? out : undefined;
};

export interface EsitoInclusione {
  readonly valida: boolean;
  /** Records whose inclusion was proved. */
  readonly verificati: number;
  readonly problema?: { readonly tipo: string; readonly seq?: string; readonly dettaglio: string };
}

const firmaTesta = (t: TestaFirmata, chiavi: ReadonlyMap<string, KeyObject>, nome: string) => {
  const esito = verificaTesta(t, chiavi);
  if (esito === 'VALIDA') return undefined;
  return {
    tipo: esito,
    dettaglio:
      esito === 'CHIAVE_SCONOSCIUTA'
        ? `la testa ${nome} (dimensione ${t.dimensione}) è firmata con la chiave ${t.chiave}, che non è tra le chiavi pubbliche date`
        : `la firma della testa ${nome} (dimensione ${t.dimensione}) non è valida: testa alterata o non firmata dal servizio`,
  };
};

/** Checks an inclusion document: the head's signature, then each record's own hash and its audit path to the head's root. */
export function verificaDocumentoInclusione(doc: DocumentoInclusione, chiavi: ReadonlyMap<string, KeyObject>): EsitoInclusione {
  if (doc?.formato !== FORMATO_INCLUSIONE || !doc.testa || !Array.isArray(doc.prove)) {
    return { valida: false, verificati: 0, problema: { tipo: 'FORMATO', dettaglio: `non è una prova di inclusione (${FORMATO_INCLUSIONE})` } };
  }
  const firma = firmaTesta(doc.testa, chiavi, 'firmata');
  if (firma) return { valida: false, verificati: 0, problema: firma };
  const radice = esadecimale(doc.testa.radice);
  const n = Number(doc.testa.dimensione);
  if (!radice) return { valida: false, verificati: 0, problema: { tipo: 'FORMATO', dettaglio: 'radice della testa non esadecimale' } };
  let verificati = 0;
  for (const p of doc.prove) {
    const seq = p?.record?.seq;
    const percorso = hashValidi(p?.prova);
    if (!percorso) return { valida: false, verificati, problema: { tipo: 'FORMATO', seq, dettaglio: `record ${seq}: percorso non valido` } };
    if (hashRecord(p.record) !== p.record.hash) {
      return { valida: false, verificati, problema: { tipo: 'RECORD_ALTERATO', seq, dettaglio: `record ${seq}: il contenuto non dà più il suo hash` } };
    }
    if (Number(seq) - 1 !== p.indice || !verificaInclusione(p.indice, n, hashFogliaRecord(p.record), percorso, radice)) {
      return {
        valida: false,
        verificati,
        problema: { tipo: 'NON_INCLUSO', seq, dettaglio: `record ${seq}: il percorso non porta alla radice della testa di dimensione ${n}: il record non è quello registrato` },
      };
    }
    verificati += 1;
  }
  return { valida: true, verificati };
}

export type TipoEsitoConsistenza = 'CONSISTENTE' | 'INCONSISTENTE' | 'VISTA_DIVISA' | 'REGRESSIONE' | 'FIRMA_NON_VALIDA' | 'CHIAVE_SCONOSCIUTA' | 'FORMATO';

export interface EsitoConsistenza {
  readonly tipo: TipoEsitoConsistenza;
  readonly valida: boolean;
  readonly dettaglio: string;
}

const ko = (tipo: TipoEsitoConsistenza, dettaglio: string): EsitoConsistenza => ({ tipo, valida: false, dettaglio });

/**
 * Is `nuova` an extension of the head `conservata` that the verifier kept? Both signatures with
 * the keyring, then: same size and another root is a split view (two signed versions of the same
 * trail); a smaller size is a regression; a larger one needs the RFC 9162 consistency proof.
 */
export function confrontaTeste(
  conservata: TestaFirmata,
  nuova: TestaFirmata,
  prova: readonly string[] | undefined,
  chiavi: ReadonlyMap<string, KeyObject>,
): EsitoConsistenza {
  for (const [t, nome] of [[conservata, 'conservata'], [nuova, 'nuova']] as const) {
    const f = firmaTesta(t, chiavi, nome);
    if (f) return ko(f.tipo as TipoEsitoConsistenza, f.dettaglio);
  }
  const m = Number(conservata.dimensione);
  const n = Number(nuova.dimensione);
  const [rm, rn] = [esadecimale(conservata.radice), esadecimale(nuova.radice)];
  if (!rm || !rn) return ko('FORMATO', 'radice non esadecimale');
  if (n < m) return ko('REGRESSIONE', `il servizio presenta una testa di dimensione ${n}, più piccola di quella conservata (${m}): record eliminati`);
  if (n === m) {
    return rm.equals(rn)
      ? { tipo: 'CONSISTENTE', valida: true, dettaglio: `stessa testa (dimensione ${m})` }
      : ko('VISTA_DIVISA', `due teste firmate di dimensione ${m} con radici diverse (${conservata.radice.slice(0, 16)}… e ${nuova.radice.slice(0, 16)}…): il servizio mostra registri diversi`);
  }
  const percorso = hashValidi(prova ?? []);
  if (!percorso) return ko('FORMATO', 'prova di consistenza non valida');
  if (!verificaConsistenza(m, n, rm, rn, percorso)) {
    return ko(
      'INCONSISTENTE',
      `la testa di dimensione ${n} non estende quella conservata di dimensione ${m} (timestamp ${conservata.timestamp}): i primi ${m} record sono stati riscritti, eliminati o riordinati`,
    );
  }
  return { tipo: 'CONSISTENTE', valida: true, dettaglio: `la testa di dimensione ${n} estende quella conservata di dimensione ${m}: nessun record fino al ${m} è cambiato` };
}

/** Checks a consistency document against the head the verifier kept (its own copy, not the service's). */
export function verificaDocumentoConsistenza(conservata: TestaFirmata, doc: DocumentoConsistenza, chiavi: ReadonlyMap<string, KeyObject>): EsitoConsistenza {
  if (doc?.formato !== FORMATO_CONSISTENZA || !doc.testa) return ko('FORMATO', `non è una prova di consistenza (${FORMATO_CONSISTENZA})`);
  if (Number(doc.da) !== Number(conservata.dimensione)) {
    return ko('FORMATO', `la prova parte dalla dimensione ${doc.da}, la testa conservata ha dimensione ${conservata.dimensione}`);
  }
  const propria = firmaTesta(conservata, chiavi, 'conservata');
  if (propria) return ko(propria.tipo as TipoEsitoConsistenza, propria.dettaglio);
  if (doc.testaDa && verificaTesta(doc.testaDa, chiavi) === 'VALIDA' && doc.testaDa.radice !== conservata.radice) {
    return ko('VISTA_DIVISA', `il servizio ora firma per la dimensione ${conservata.dimensione} la radice ${doc.testaDa.radice.slice(0, 16)}…, la testa conservata dice ${conservata.radice.slice(0, 16)}…`);
  }
  return confrontaTeste(conservata, doc.testa, doc.prova, chiavi);
}
