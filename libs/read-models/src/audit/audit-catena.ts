import { verificaCheckpoint, type CheckpointAudit } from './audit-firma.js';
import { HASH_INIZIALE, hashRecord, type RecordAudit } from './audit-record.js';

export type TipoProblema =
  | 'ALTERATO' // the record's content no longer gives its hash
  | 'ELIMINATO' // a record is missing (its sequence number, and event when known)
  | 'INSERITO' // a record that no event justifies, or a repeated sequence number
  | 'RIORDINATO' // records out of log order
  | 'CATENA_INTERROTTA' // intact record not linked to the one before it
  | 'FIRMA_NON_VALIDA' // a checkpoint whose signature does not verify
  | 'CHECKPOINT_NON_CORRISPONDE'; // a signed checkpoint names another hash: the chain was rewritten

export interface ProblemaAudit {
  readonly tipo: TipoProblema;
  /** Sequence number of the first record found wrong (or missing). */
  readonly seq: string;
  /** Event id of that record (for a deleted record: of the event it recorded, when the event store says). */
  readonly eventId: string | null;
  readonly dettaglio: string;
}

export interface EsitoVerifica {
  readonly integra: boolean;
  readonly recordVerificati: number;
  readonly checkpointVerificati: number;
  readonly ultimoSeq: string | null;
  readonly problema: ProblemaAudit | null;
}

/**
 * Checks a trail record by record, in `seq` order, with nothing but the records themselves and
 * the signing key: what an officer can do offline on an exported trail. For each record:
 * numbering without gaps or repeats, its own hash, log order, the link to the record before, and
 * the signed checkpoint of that record if any. Returns the first problem.
 */
export class VerificaCatena {
  private atteso: bigint;
  private hashPrecedente: string | undefined;
  private posizionePrecedente: string | undefined;
  private record = 0;
  private checkpoint = 0;
  private ultimo: string | null = null;

  /** `inizio`: the record before the first one checked (an export starting mid-trail); omitted: the trail's beginning. */
  constructor(
    private readonly chiavePubblicaPem: string | undefined,
    inizio?: { readonly seq: string; readonly hash?: string },
  ) {
    this.atteso = inizio ? BigInt(inizio.seq) + 1n : 1n;
    this.hashPrecedente = inizio ? inizio.hash : HASH_INIZIALE;
  }

  verifica(r: RecordAudit, firmato?: CheckpointAudit): ProblemaAudit | undefined {
    const seq = BigInt(r.seq);
    if (seq > this.atteso) {
      return problema('ELIMINATO', this.atteso, null, `mancano i record da ${this.atteso} a ${seq - 1n}: il record ${seq} segue il ${this.atteso - 1n}`);
    }
    if (seq < this.atteso) return problema('INSERITO', seq, r.eventId, `numero di sequenza ${seq} ripetuto o fuori ordine (atteso ${this.atteso})`);
    if (hashRecord(r) !== r.hash) return problema('ALTERATO', seq, r.eventId, 'il contenuto del record non corrisponde al suo hash');
    if (this.posizionePrecedente !== undefined && !posizioneSegue(this.posizionePrecedente, r.posizione)) {
      return problema('RIORDINATO', seq, r.eventId, `l'evento del record precede nel registro quello del record ${seq - 1n}`);
    }
    if (this.hashPrecedente !== undefined && r.hashPrecedente !== this.hashPrecedente) {
      return problema('CATENA_INTERROTTA', seq, r.eventId, 'hashPrecedente non corrisponde allo hash del record precedente');
    }
    if (firmato) {
      const errore = this.checkpointDi(r, firmato);
      if (errore) return errore;
    }
    this.atteso = seq + 1n;
    this.hashPrecedente = r.hash;
    this.posizionePrecedente = r.posizione;
    this.record += 1;
    this.ultimo = r.seq;
    return undefined;
  }

  /** A signed checkpoint of the record `r` (the last one checked): a valid signature over `r`'s hash. */
  checkpointDi(r: RecordAudit, firmato: CheckpointAudit): ProblemaAudit | undefined {
    if (firmato.seq !== r.seq) return problema('CHECKPOINT_NON_CORRISPONDE', firmato.seq, null, `checkpoint ${firmato.seq} fuori posto (dopo il record ${r.seq})`);
    if (this.chiavePubblicaPem !== undefined && !verificaCheckpoint(firmato, this.chiavePubblicaPem)) {
      return problema('FIRMA_NON_VALIDA', r.seq, r.eventId, `la firma del checkpoint ${r.seq} non è valida con la chiave indicata`);
    }
    if (firmato.hash !== r.hash) return problema('CHECKPOINT_NON_CORRISPONDE', r.seq, r.eventId, `il checkpoint firmato ${r.seq} attesta un altro hash: la catena fino a qui è stata riscritta`);
    this.checkpoint += 1;
    return undefined;
  }

  esito(problema?: ProblemaAudit): EsitoVerifica {
    return { integra: !problema, recordVerificati: this.record, checkpointVerificati: this.checkpoint, ultimoSeq: this.ultimo, problema: problema ?? null };
  }

  /** The sequence number the next record must have. */
  get prossimo(): bigint {
    return this.atteso;
  }
}

export function problema(tipo: TipoProblema, seq: bigint | string, eventId: string | null, dettaglio: string): ProblemaAudit {
  return { tipo, seq: seq.toString(), eventId, dettaglio };
}

/** Positions of the PostgreSQL store are zero-padded `tx/seq`: their text order is the log order. */
function posizioneSegue(prima: string, dopo: string): boolean {
  return dopo > prima;
}
