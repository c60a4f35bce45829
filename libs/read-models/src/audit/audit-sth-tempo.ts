import type pg from 'pg';
import type { CheckpointStore, EventStore, SqlExecutor } from '#event-store';
import { inTransazione } from '#platform';
import type { FirmaAudit } from './audit-firma.js';
import { dimensioneAlbero, radiceAlbero } from './audit-merkle.js';
import { firmaTesta, type TestaFirmata } from './audit-sth.js';
import { LOCK_TESTE, registratoIlDel, salvaTeste, trascorsi, ultimaTesta } from './audit.projection.js';

/**
 * The head of an idle trail's tail (AUDIT_STH_SECONDS): when `adesso` (the injected clock) is at
 * least `secondi` after the last head and the tree has grown since, signs a head over the whole
 * tree. Its timestamp is the recorded time of the last record covered, as every head's, so when
 * the next record comes the projection's rule (`testeDovute`) names this very head and a replay
 * signs the same bytes again. Takes the projection's head lock: one writer of heads at a time.
 * With `alPasso`, nothing is signed while the audit projection has not reached the end of the log
 * (catching up, it would sign heads in the middle of records recorded together, which the rule
 * would not sign again on a replay). Returns the head signed, or undefined when none was due.
 */
export async function testaATempo(
  pool: pg.Pool,
  firma: FirmaAudit,
  secondi: number,
  adesso: Date,
  alPasso?: { readonly store: EventStore; readonly checkpoints: CheckpointStore; readonly consumer?: string },
): Promise<TestaFirmata | undefined> {
  if (!(secondi > 0)) return undefined;
  if (alPasso) {
    const fine = await alPasso.store.headPosition();
    const arrivata = await alPasso.checkpoints.load(alPasso.consumer ?? 'audit');
    if (fine !== undefined && (arrivata === undefined || alPasso.store.comparePositions(arrivata, fine) < 0)) return undefined;
  }
  return inTransazione(pool, async (client) => {
    const tx = client as unknown as SqlExecutor;
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_TESTE, 'audit-sth']);
    const n = await dimensioneAlbero(tx);
    const ultima = (await ultimaTesta(tx)) ?? (n > 0 ? { dimensione: 0, timestamp: await registratoIlDel(tx, 1) } : undefined);
    let testa: TestaFirmata | undefined;
    if (ultima && n > ultima.dimensione && trascorsi(ultima.timestamp, adesso.toISOString()) >= secondi * 1000) {
      testa = firmaTesta(firma, n, (await radiceAlbero(tx, n)).toString('hex'), await registratoIlDel(tx, n));
      await salvaTeste(tx, [testa]);
    }
    return testa;
  });
}
