import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { segretoInFile } from '#platform';
import { auditProjection, type OpzioniAudit } from './audit/audit.projection.js';
import { carnetProjection } from './carnet/carnet.projection.js';
import { listingProjection } from './listing/listing.projection.js';
import type { ProiezioneRicostruibile } from './ricostruzione/ricostruzione.js';
import { trasmissioniProjection } from './trasmissioni/trasmissioni.projection.js';

export const proiezioneListing: ProiezioneRicostruibile = {
  consumer: listingProjection,
  tabelle: ['rm_appalti', 'rm_cig_listing', 'rm_cig_listing_conteggi'],
  // The fold loads a batch's rows by appalto (primary key) and by CIG code.
  indiciDiLavoro: ['rm_cig_listing_cig'],
  // The totals the triggers keep: counted once over the replayed rows, then kept by the copied triggers.
  async completa(client, schema) {
    await client.query(
      `INSERT INTO ${schema}.rm_cig_listing_conteggi SELECT ufficio, stato_richiesta, stato_lotto, modalita, cig_utilizzato, count(*)
         FROM ${schema}.rm_cig_listing GROUP BY 1, 2, 3, 4, 5`,
    );
  },
};

// The numbering of attempts reads the rows of the practices in the batch.
export const proiezioneTrasmissioni: ProiezioneRicostruibile = { consumer: trasmissioniProjection, tabelle: ['rm_trasmissioni'], indiciDiLavoro: ['rm_trasmissioni_pratica'] };

export const proiezioneCarnet: ProiezioneRicostruibile = { consumer: carnetProjection, tabelle: ['rm_carnet', 'rm_carnet_cig'] };

export const proiezioneAudit = (opzioni: OpzioniAudit): ProiezioneRicostruibile => ({
  consumer: auditProjection(opzioni),
  tabelle: ['rm_audit', 'rm_audit_checkpoint', 'rm_audit_cig', 'rm_audit_merkle', 'rm_audit_sth'],
});

/**
 * The catalogue of the read models' projections, the only one: the service runs each of them
 * (one consumer, the only writer of its tables) and can rebuild each from position 0
 * (`POST /admin/projections/:name/rebuild`, `cli rebuild <name>`). A new projection adds its line here.
 */
export function proiezioniRicostruibili(audit: OpzioniAudit): ProiezioneRicostruibile[] {
  return [proiezioneListing, proiezioneTrasmissioni, proiezioneCarnet, proiezioneAudit(audit)];
}

/**
 * The secret that signs page cursors: LISTING_CURSOR_SECRET, or a random one kept in
 * DATA_DIR/keys/cursori.key (created on first use). Instances behind one load balancer must share it.
 */
export async function segretoCursori(opzioni: { readonly segreto?: string; readonly dataDir: string }): Promise<Buffer> {
  if (opzioni.segreto) return Buffer.from(opzioni.segreto, 'utf8');
  const segreto = await segretoInFile(join(opzioni.dataDir, 'keys', 'cursori.key'), () => randomBytes(32).toString('base64'));
  return Buffer.from(segreto.trim(), 'base64');
}
