import type { Consumer, RecordedEvent, SqlExecutor } from '#event-store';
import { applica, daCaricare, delListing } from './listing-eventi.js';
import { applicaRegimiStorici, daCaricareRegimi, PREFISSI_REGIMI_STORICI } from './listing-regimi.js';
import { caricaBatch, scriviBatch } from './listing-store.js';

/** Streams the listing reads: PCP requests, CIG codes, ANAC exchanges, and the historic regimes' streams. */
export const PREFISSI_LISTING = [...new Set(['appalto-', 'cig-', 'pratica-anac-', 'gara-simog-', 'smartcig-', 'carnet-', ...PREFISSI_REGIMI_STORICI])];

/**
 * The CIG listing (START, manuale START Richiedi CIG): `rm_appalti` (one row per request) and `rm_cig_listing`
 * (one row per lot, the request's columns copied onto it so that every filter reads one table).
 *
 * The only writer of these tables. A batch is loaded once, folded in memory (`ListingBatch`: PCP
 * requests by `applica`, the historic regimes by `applicaRegimiStorici`, in log order) and written
 * back with a few multi-row statements, so a rebuild from position 0 costs a handful of round trips
 * per batch.
 */
export const listingProjection: Consumer = {
  name: 'listing',
  filter: { streamPrefixes: PREFISSI_LISTING },
  batchSize: 500,
  // A read model: rebuilt from the log if a crash loses its last batches.
  asyncCommit: true,
  handle: applicaListing,
};

export async function applicaListing(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
  const batch = await carica(events, tx);
  for (const e of events) {
    if (delListing(batch, e.streamId, e)) applica(batch, e.streamId, e);
    else applicaRegimiStorici(batch, e);
  }
  await scriviBatch(tx, batch);
}

function carica(events: readonly RecordedEvent[], tx: SqlExecutor) {
  const appalti: string[] = [];
  const cig: string[] = [];
  const carnet: string[] = [];
  for (const e of events) {
    const chiavi = daCaricare(e.streamId, e);
    appalti.push(...chiavi.appalti);
    cig.push(...chiavi.cig);
    const storici = daCaricareRegimi(e);
    cig.push(...storici.cig);
    carnet.push(...storici.carnet);
  }
  return caricaBatch(tx, appalti, cig, carnet);
}
