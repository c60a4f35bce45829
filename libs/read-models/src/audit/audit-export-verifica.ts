import { problema, VerificaCatena, type EsitoVerifica } from './audit-catena.js';
import { idChiave, verificaCheckpoint, type CheckpointAudit } from './audit-firma.js';
import { createPublicKey } from 'node:crypto';
import { FORMATO_EXPORT } from './audit-export.js';
import type { RecordAudit } from './audit-record.js';

/** Lines of the export, told apart by `riga` (a record's own `tipo` is its event type). */
type Riga =
  | { riga: 'intestazione'; formato: string; chiave: string; ancora: { seq: string; hash: string; checkpoint: CheckpointAudit | null } | null }
  | ({ riga: 'record' } & RecordAudit)
  | ({ riga: 'checkpoint'; finale?: boolean } & CheckpointAudit)
  | { riga: 'fine'; record: number };

/**
 * Verifies an exported trail offline, with only the officer's copy of the public key: the chain
 * record by record, every signed checkpoint, and the final checkpoint signed at export time, so
 * that no record can have been added, removed or changed after the export without it showing.
 */
export async function verificaExport(righe: AsyncIterable<string>, chiavePubblicaPem: string): Promise<EsitoVerifica & { ancoraFirmata: boolean }> {
  let catena: VerificaCatena | undefined;
  let ultimo: RecordAudit | undefined;
  let finale = false;
  let ancoraFirmata = true;
  let letti = 0;
  const esito = (p?: ReturnType<typeof problema>) => ({ ...(catena ?? new VerificaCatena(chiavePubblicaPem)).esito(p), ancoraFirmata });
  const chiave = idChiave(createPublicKey(chiavePubblicaPem));
  for await (const testo of righe) {
    if (testo.trim() === '') continue;
    let riga: Riga;
    try {
      riga = JSON.parse(testo) as Riga;
    } catch {
      return esito(problema('ALTERATO', ultimo?.seq ?? '0', null, `riga ${letti + 1} non è JSON`));
    }
    letti += 1;
    if (!catena) {
      if (riga.riga !== 'intestazione' || riga.formato !== FORMATO_EXPORT) return esito(problema('ALTERATO', '0', null, `non è un export ${FORMATO_EXPORT}`));
      if (riga.chiave !== chiave) return esito(problema('FIRMA_NON_VALIDA', '0', null, `l'export è firmato con la chiave ${riga.chiave}, non con quella indicata (${chiave})`));
      const a = riga.ancora;
      if (a) ancoraFirmata = a.checkpoint !== null && a.checkpoint.seq === a.seq && a.checkpoint.hash === a.hash && verificaCheckpoint(a.checkpoint, chiavePubblicaPem);
      catena = new VerificaCatena(chiavePubblicaPem, a ? { seq: a.seq, hash: a.hash } : undefined);
      continue;
    }
    if (finale && riga.riga !== 'fine') return esito(problema('INSERITO', ultimo?.seq ?? '0', null, 'righe dopo il checkpoint finale'));
    if (riga.riga === 'record') {
      const { riga: _r, ...r } = riga;
      const errore = catena.verifica(r);
      if (errore) return esito(errore);
      ultimo = r;
    } else if (riga.riga === 'checkpoint') {
      const { riga: _r, finale: eFinale, ...c } = riga;
      if (!ultimo) return esito(problema('CHECKPOINT_NON_CORRISPONDE', c.seq, null, 'checkpoint prima di ogni record'));
      const errore = catena.checkpointDi(ultimo, c);
      if (errore) return esito(errore);
      finale = eFinale === true;
    } else if (riga.riga === 'fine') {
      if (!finale && ultimo) return esito(problema('FIRMA_NON_VALIDA', ultimo.seq, ultimo.eventId, "manca il checkpoint finale firmato all'esportazione"));
      if (riga.record !== catena.esito().recordVerificati) return esito(problema('ELIMINATO', ultimo?.seq ?? '0', null, `l'export dichiara ${riga.record} record, ne contiene ${catena.esito().recordVerificati}`));
      return esito();
    }
  }
  return esito(problema('ELIMINATO', ultimo?.seq ?? '0', null, "export incompleto: manca la riga finale (troncato dopo l'ultimo record letto)"));
}
