import type { Consumer, RecordedEvent, SqlExecutor } from '#event-store';
import { applica, daCaricare, delListing } from './listing-eventi.js';
import { applicaRegimiStorici, PREFISSI_REGIMI_STORICI } from './listing-regimi.js';
import { caricaBatch, scriviBatch } from './listing-store.js';

/** Streams the listing reads: PCP requests, CIG codes, ANAC exchanges, and the historic regimes' streams. */
export const PREFISSI_LISTING = [...new Set(['appalto-', 'cig-', 'pratica-anac-', 'gara-simog-', 'smartcig-', 'carnet-', ...PREFISSI_REGIMI_STORICI])];

/**
 * The CIG listing (START, manuale START Richiedi CIG): `rm_appalti` (one row per request) and `rm_cig_listing`
 * (one row per lot, the request's columns copied onto it so that every filter reads one table).
 *
 * A batch is folded in memory (`ListingBatch`) and written back with a few multi-row statements,
 * so a rebuild from position 0 costs a handful of round trips per batch. Events of the historic
 * regimes go, in log order, to `applicaRegimiStorici`: the pending rows are written first and,
 * when it changed something, reloaded after, so both writers see each other's changes as if
 * events were applied one by one.
 */
export const listingProjection: Consumer = {
  name: 'listing',
  filter: { streamPrefixes: PREFISSI_LISTING },
  batchSize: 500,
  handle: applicaListing,
};

export async function applicaListing(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
  let batch = await carica(events, tx);
  let ricarica = false;
  for (const [i, e] of events.entries()) {
    if (ricarica) {
      batch = await carica(events.slice(i), tx);
      ricarica = false;
    }
    if (delListing(batch, e.streamId, e)) {
      applica(batch, e.streamId, e);
      continue;
    }
    // Another writer's turn: it must find our rows as they are now, and we must reread what it changed.
    await scriviBatch(tx, batch);
    batch.scritto();
    ricarica = await applicaRegimiStorici(e.streamId, { type: e.type, data: e.data }, tx);
  }
  await scriviBatch(tx, batch);
}

function carica(events: readonly RecordedEvent[], tx: SqlExecutor) {
  const appalti: string[] = [];
  const cig: string[] = [];
  for (const e of events) {
    const chiavi = daCaricare(e.streamId, e);
    appalti.push(...chiavi.appalti);
    cig.push(...chiavi.cig);
  }
  return caricaBatch(tx, appalti, cig);
}
